/** An expected failure, with a message the person who caused it can act on. */
export class AppError extends Error {
  constructor(
    readonly code: "not_found" | "forbidden" | "invalid" | "conflict" | "gone" | "busy",
    readonly userMessage: string,
  ) {
    super(userMessage);
    this.name = "AppError";
  }
}
