import { z } from "zod";

const checkbox = z.union([z.boolean(), z.literal("on")]).transform(Boolean).default(false);

/** A code participants paste into their platform; empty for none. */
const platformCode = z
  .string()
  .trim()
  .max(100, "must be at most 100 characters")
  .regex(/^[A-Za-z0-9_-]*$/, "may hold only letters, digits, hyphens and underscores")
  .default("")
  .transform((value) => value || null);

/** A study's crowd link, as its settings form sends it. */
export const crowdLinkSchema = z
  .object({
    enabled: checkbox,
    completionCode: platformCode,
    completionUrl: z
      .string()
      .trim()
      .default("")
      .transform((value, context) => {
        if (!value) return null;
        const url = URL.canParse(value) ? new URL(value) : null;
        if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
          context.addIssue({ code: "custom", message: "must be a web address (https://…)" });
          return z.NEVER;
        }
        return url.toString();
      }),
    exportParticipantIds: checkbox,
    // An empty field means no cap.
    crowdCap: z.preprocess(
      (value) => (value === "" || value === undefined || value === null ? null : Number(value)),
      z.number("must be a number of participants").int("must be a whole number").min(1, "must be at least 1, or empty for no cap").max(1_000_000, "must be at most 1,000,000").nullable(),
    ),
    noWorkCode: platformCode,
  })
  .refine((link) => link.noWorkCode === null || link.noWorkCode !== link.completionCode, {
    path: ["noWorkCode"],
    message: "must differ from the completion code: the platform tells the two apart",
  })
  .refine((link) => !link.enabled || link.completionCode !== null, {
    path: ["completionCode"],
    message: "is needed while the crowd link is on: participants paste it into their platform",
  });
export type CrowdLinkSettings = z.infer<typeof crowdLinkSchema>;

// Prolific's ids are 24 hexadecimal characters; other platforms' differ. Any short id of safe
// characters is taken, so that nothing odd reaches the database or the export.
const platformId = z.string().trim().regex(/^[A-Za-z0-9_-]{1,100}$/, "must be 1 to 100 letters, digits, hyphens or underscores");

/** The ids a crowd platform puts in the link (Prolific's names). */
export const participantSchema = z.object({
  PROLIFIC_PID: platformId,
  STUDY_ID: platformId.optional(),
  SESSION_ID: platformId.optional(),
});
export type ParticipantIds = z.infer<typeof participantSchema>;
