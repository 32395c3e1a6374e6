import "server-only";
import { db } from "@/lib/db";
import { KIND_NAMES } from "@/lib/kinds";
import { comparesTwoAnswers } from "@/lib/kinds/compares-two";

/** $2 of the statements below: the kinds whose items are pairs of answers. */
export const PAIRED_KINDS = KIND_NAMES.filter(comparesTwoAnswers);

/**
 * The two systems of each pair a study of pairs' design calls for ($1 is the study's id). Target
 * vs baselines (the paper's design): the target against each baseline. All pairs: every two
 * systems, the target (or else the earlier-listed system) first.
 */
const DESIGN_SQL = `
  SELECT a.id AS first_system, b.id AS second_system, a.active AND b.active AS active
    FROM "Study" s
    JOIN "System" a ON a."studyId" = s.id
    JOIN "System" b ON b."studyId" = s.id AND b.id <> a.id
   WHERE s.id = $1 AND s.kind::text = ANY($2::text[])
     AND (a.id = s."targetSystemId"
          OR (s."pairDesign" = 'all_pairs' AND b.id IS DISTINCT FROM s."targetSystemId"
              AND (a.position, a.id) < (b.position, b.id)))`;

/**
 * Adds the pairs that involve at least one new response, keeping those the study has; in a study
 * of single answers, an item (a pair with no baseline) per new response. $2 is PAIRED_KINDS.
 * `responses` names a relation of (id, "promptId", "systemId", new, length): the new responses
 * and every other response to the same prompts, with their texts' lengths, which the pairs keep
 * (written here as the trigger on "Pair" would, for the importer's merge runs with triggers off).
 * The importer passes the few rows it touched, so building pairs costs what the import adds, not
 * what the study holds.
 */
export function buildPairsSql(responses: string): string {
  return `
  INSERT INTO "Pair" (id, "studyId", "promptId", "targetResponseId", "baselineResponseId", "targetSystemId", "baselineSystemId", active,
                      "targetLength", "baselineLength")
  SELECT gen_random_uuid()::text, $1, first."promptId", first.id, second.id, design.first_system, design.second_system, design.active,
         first.length, second.length
    FROM (${DESIGN_SQL}) design
    JOIN ${responses} first ON first."systemId" = design.first_system
    JOIN ${responses} second ON second."systemId" = design.second_system AND second."promptId" = first."promptId"
   WHERE first.new OR second.new
  UNION ALL
  SELECT gen_random_uuid()::text, $1, answer."promptId", answer.id, NULL, answer."systemId", NULL, system.active,
         answer.length, NULL
    FROM ${responses} answer
    JOIN "System" system ON system.id = answer."systemId"
    JOIN "Study" s ON s.id = $1 AND s.kind::text <> ALL($2::text[])
   WHERE answer.new
  -- Pairs and single answers each have their own unique index: whichever an existing row is in.
  ON CONFLICT DO NOTHING`;
}

const EVERY_RESPONSE = `(SELECT r.id, r."promptId", r."systemId", true AS new, length(r.text) AS length
                           FROM "Response" r JOIN "System" s ON s.id = r."systemId" WHERE s."studyId" = $1)`;

/** Adds every pair the study's design calls for that it lacks; returns how many. */
export async function buildPairs(studyId: string): Promise<number> {
  return db().$executeRawUnsafe(buildPairsSql(EVERY_RESPONSE), studyId, PAIRED_KINDS);
}
