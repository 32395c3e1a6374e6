// The review queue's address (which items, which page) and a researcher's decision on one item.
import { z } from "zod";

/** Where a reported item stands: waiting for a researcher, reviewed and kept, or taken out of the study. */
export const REVIEW_STATES = ["open", "kept", "removed"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** The queue's query string; typed by hand as often as followed, so a bad value means the default. */
export const reviewQuerySchema = z.object({
  state: z.enum([...REVIEW_STATES, "all"]).catch("open"),
  page: z.coerce.number().int().positive().catch(1),
});
export type ReviewQuery = z.infer<typeof reviewQuerySchema>;

/** Keep an item (reviewed, it stays), remove it from the study, or put a removed one back. */
export const itemReviewSchema = z.object({
  pairId: z.string().min(1).max(64),
  decision: z.enum(["keep", "remove", "restore"]),
});
export type ItemDecision = z.infer<typeof itemReviewSchema>["decision"];
