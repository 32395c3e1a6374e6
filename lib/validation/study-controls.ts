// The controls of a study's pages that are not forms of typed fields: buttons and selects whose
// hidden fields name what they act on. The study itself is named by the form's `slug`, which
// lib/actions/form-action.ts checks.
import { z } from "zod";

/** A row's id (a user, an invitation, a judge, a pair), as its hidden field sends it. */
const rowId = z.string().min(1).max(64);

/** Leave a rater (by pseudonym) out of the results, or let them back in. */
export const raterExclusionSchema = z.object({
  rater: z.string().regex(/^rater-[0-9a-f]{10}$/),
  exclude: z.enum(["yes", "no"]),
  reason: z.string().trim().max(500).optional(),
});

/** A move of the study's lifecycle. */
export const studyStatusSchema = z.object({ status: z.enum(["draft", "open", "paused", "closed"]) });

/** Whether raters see answers that name their writer as they are, or with the names hidden. */
export const selfNamingSchema = z.object({ mode: z.enum(["show", "redact"]) });

/** One pair's gold answer, or none. */
export const goldVerdictSchema = z.object({ pairId: rowId, goldVerdict: z.enum(["none", "win", "tie", "loss"]) });

/** Someone to add to the study, by the email typed (the study's own rules read it). */
export const personByEmailSchema = z.object({ email: z.string().default("") });

/** Someone on the study, to remove. */
export const personSchema = z.object({ userId: rowId });

/** One of the study's invitations. */
export const invitationRefSchema = z.object({ invitationId: rowId });

/** One of the study's LLM judges. */
export const judgeRefSchema = z.object({ judgeId: rowId });
