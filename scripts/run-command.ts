// Runs a command's main function and turns expected failures into one clear line and exit code 1.
import { EnvError } from "@/lib/env";
import { AppError } from "@/lib/errors";

const CONNECTION_ERRORS = new Set(["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "EAI_AGAIN", "28P01", "3D000"]);

export function describeFailure(error: unknown): string {
  if (error instanceof EnvError) return error.message;
  if (error instanceof AppError) return error.userMessage;
  const code = (error as { code?: string } | null)?.code;
  if (error instanceof Error && code && CONNECTION_ERRORS.has(code)) {
    return `Cannot use the database: ${error.message}. Check DATABASE_URL, or unset it to use the embedded database.`;
  }
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

export async function runCommand(main: () => Promise<number | void>): Promise<never> {
  try {
    process.exit((await main()) ?? 0);
  } catch (error) {
    console.error(describeFailure(error));
    process.exit(1);
  }
}
