// Where a rater stands in a study before and beside its items: stopped by the attention checks,
// asked to consent, in the training round, or rating. The rating page shows the step; the claim
// (mayClaim in lib/assign/statements.ts) holds the same conditions where it hands out an item.
import "server-only";
import { LET_IN, TRAINED, TRAINING_PAIRS } from "@/lib/assign/statements";
import { db } from "@/lib/db";
import { viaPrisma, type Sql } from "@/lib/sql";

/** What of a study decides its raters' steps (read with the study on the rating page). */
export interface StepRules {
  id: string;
  consentText: string;
  trainingItems: number;
  attentionAfter: number | null;
}

export type RaterStep =
  | { step: "stopped"; reason: string }
  | { step: "consent"; text: string }
  | { step: "training"; answered: number; of: number }
  | { step: "rating" };

interface StepRow {
  stopReason: string | null;
  consented: boolean;
  trained: boolean;
  answered: number;
  trainingOf: number;
}

/** The rater's state in the study, read in `sql` (a transaction that then writes, or the database). */
export async function stepRow(sql: Sql, studyId: string, raterId: string): Promise<StepRow & { open: boolean; letIn: boolean }> {
  const [row] = await sql.query<StepRow & { open: boolean; letIn: boolean }>(
    `SELECT s.status = 'open' AS open, ${LET_IN} AS "letIn",
            (SELECT st.reason FROM "RaterStop" st WHERE st."studyId" = s.id AND st."raterId" = u.id AND st."liftedAt" IS NULL) AS "stopReason",
            (s."consentText" = '' OR EXISTS (SELECT 1 FROM "Consent" c WHERE c."studyId" = s.id AND c."raterId" = u.id)) AS consented,
            ${TRAINED("u.id")} AS trained,
            (SELECT count(*)::int FROM "TrainingAnswer" t WHERE t."studyId" = s.id AND t."raterId" = u.id) AS answered,
            LEAST(s."trainingItems", (SELECT count(*)::int FROM "TrainingAnswer" t WHERE t."studyId" = s.id AND t."raterId" = u.id)
                                     + (SELECT count(*)::int FROM (${TRAINING_PAIRS("u.id")}) left_to_train))::int AS "trainingOf"
       FROM "Study" s, "User" u WHERE s.id = $1 AND u.id = $2`,
    [studyId, raterId],
  );
  return row;
}

/** The rater's step in the study (a stop holds though the study has since turned its checks off). */
export async function raterStep(study: StepRules, raterId: string): Promise<RaterStep> {
  const row = await stepRow(viaPrisma(db()), study.id, raterId);
  if (row.stopReason !== null) return { step: "stopped", reason: row.stopReason };
  if (!row.consented) return { step: "consent", text: study.consentText };
  if (!row.trained) return { step: "training", answered: row.answered, of: row.trainingOf };
  return { step: "rating" };
}

