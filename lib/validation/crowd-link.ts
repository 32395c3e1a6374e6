import { z } from "zod";
import { MTURK_PREVIEW_ASSIGNMENT, submitOrigin } from "@/lib/crowd/mturk";

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
    screenOutCode: platformCode,
    // An empty field means the raters' quota, if any.
    crowdQuota: z.preprocess(
      (value) => (value === "" || value === undefined || value === null ? null : Number(value)),
      z.number("must be a number of items").int("must be a whole number").min(1, "must be at least 1, or empty for the raters' quota").max(1_000_000, "must be at most 1,000,000").nullable(),
    ),
  })
  .refine((link) => link.noWorkCode === null || link.noWorkCode !== link.completionCode, {
    path: ["noWorkCode"],
    message: "must differ from the completion code: the platform tells the two apart",
  })
  .refine((link) => link.screenOutCode === null || (link.screenOutCode !== link.completionCode && link.screenOutCode !== link.noWorkCode), {
    path: ["screenOutCode"],
    message: "must differ from the completion and no-work codes: the platform tells them apart",
  })
  .refine((link) => !link.enabled || link.completionCode !== null, {
    path: ["completionCode"],
    message: "is needed while the crowd link is on: participants paste it into their platform",
  });
export type CrowdLinkSettings = z.infer<typeof crowdLinkSchema>;

// Prolific's ids are 24 hexadecimal characters; other platforms' differ. Any short id of safe
// characters is taken, so that nothing odd reaches the database or the export.
const platformId = z.string().trim().regex(/^[A-Za-z0-9_-]{1,100}$/, "must be 1 to 100 letters, digits, hyphens or underscores");

/** The ids Prolific puts in the link. */
export const participantSchema = z.object({
  PROLIFIC_PID: platformId,
  STUDY_ID: platformId.optional(),
  SESSION_ID: platformId.optional(),
});
export type ParticipantIds = z.infer<typeof participantSchema>;

/** The ids MTurk puts in an ExternalQuestion's address once a worker accepted the HIT. */
export const mturkSchema = z.object({
  workerId: platformId,
  hitId: platformId,
  assignmentId: platformId.refine((id) => id !== MTURK_PREVIEW_ASSIGNMENT, "is MTurk's preview: accept the HIT first"),
  turkSubmitTo: z.string().trim().refine((value) => submitOrigin(value) !== null, "must be one of MTurk's addresses"),
});

/** A participant's visit, whichever platform sent them: who they are there, and where their HIT posts back (MTurk). */
export interface Visit {
  platform: "prolific" | "mturk";
  participantId: string;
  studyRef: string | null;
  sessionRef: string | null;
  submitTo: string | null;
}

const FIELDS = ["PROLIFIC_PID", "STUDY_ID", "SESSION_ID", "workerId", "hitId", "assignmentId", "turkSubmitTo"] as const;
/** The link's query fields a visit is read from (and the crowd sign-in passes on). */
export type VisitFields = Partial<Record<(typeof FIELDS)[number], string>>;

/** The visit's fields from a link's query (or a sign-in's credentials), the first of each. */
export function visitFields(query: Record<string, unknown>): VisitFields {
  const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
  return Object.fromEntries(FIELDS.flatMap((field) => (typeof first(query[field]) === "string" && first(query[field]) ? [[field, first(query[field])]] : []))) as VisitFields;
}

/** Whether a link's query is MTurk's (it carries an assignmentId or a workerId). */
export const isMturk = (fields: VisitFields) => fields.assignmentId !== undefined || fields.workerId !== undefined;

/** The visit the fields describe, or what is wrong with them. */
export function readVisit(fields: VisitFields): { visit: Visit } | { problem: string } {
  const problem = (error: z.ZodError) => error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`).join("; ");
  if (isMturk(fields)) {
    const ids = mturkSchema.safeParse(fields);
    if (!ids.success) return { problem: problem(ids.error) };
    return { visit: { platform: "mturk", participantId: ids.data.workerId, studyRef: ids.data.hitId, sessionRef: ids.data.assignmentId, submitTo: submitOrigin(ids.data.turkSubmitTo) } };
  }
  const ids = participantSchema.safeParse({ PROLIFIC_PID: fields.PROLIFIC_PID ?? "", STUDY_ID: fields.STUDY_ID, SESSION_ID: fields.SESSION_ID });
  if (!ids.success) return { problem: problem(ids.error) };
  return { visit: { platform: "prolific", participantId: ids.data.PROLIFIC_PID, studyRef: ids.data.STUDY_ID ?? null, sessionRef: ids.data.SESSION_ID ?? null, submitTo: null } };
}
