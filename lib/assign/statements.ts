// The assignment engine's SQL, each statement once: what the app sends through pg on its own
// pool, prepared (`primaryDatabase()`), what the rater-loop benchmark sends on the
// bench's pool, and what a Prisma transaction sends where one of these joins it (`viaPrisma`).
// Each function is one statement; which transaction it runs in, and under which locks, is its
// caller's.
import type { Side, Verdict } from "@/lib/assign/policy";
import type { Rules } from "@/lib/assign/rules";
import type { StudyKind, StudyStatus } from "@/lib/generated/prisma/enums";
import type { Sql } from "@/lib/sql";

// ─── The gate of a rater's writes ────────────────────────────────────────────────────────────

export interface LockedAssignment {
  id: string;
  studyId: string;
  pairId: string;
  status: string;
  targetSide: Side;
  expired: boolean;
  k: number;
  rationaleMode: "off" | "optional" | "required";
  goldVerdict: Verdict | null;
  /** What the study asks of a judgment: a side between two answers, a label or a score. */
  kind: StudyKind;
  /** A study of scores: its scale's ends; null otherwise. */
  scaleMin: number | null;
  scaleMax: number | null;
  /** Whether the study offers "Both are bad" now, read with the write it decides. */
  offerBothBad: boolean;
  elapsedMs: number;
  redacted: boolean;
  studyStatus: StudyStatus;
  inStudy: boolean;
  letIn: boolean;
  /** Whether the study's attention checks stopped this rater (and no researcher lifted it). */
  stopped: boolean;
  /** Whether the rater took the study's first steps (its consent page, its training round). */
  stepsTaken: boolean;
  /** The study's attention checks: after how many gold pairs, and the least accuracy; null without. */
  attentionAfter: number | null;
  attentionMinAccuracy: number | null;
}

/**
 * Whether rater `u` is let into study `s` now: an active account, and a crowd participant only
 * into the study of their link; any other rater into a study open to every rater, or that let
 * them in.
 */
export const LET_IN = `u."disabledAt" IS NULL
              AND CASE WHEN u."participantId" IS NOT NULL THEN u."participantOfStudyId" = s.id
                       ELSE s."openToAllRaters" OR EXISTS (SELECT 1 FROM "StudyRater" r WHERE r."studyId" = s.id AND r."raterId" = u.id) END`;

/** Whether rater `u` agreed to study `s`'s consent page, or it has none. */
export const CONSENTED = `(s."consentText" = '' OR EXISTS (SELECT 1 FROM "Consent" c WHERE c."studyId" = s.id AND c."raterId" = u.id))`;

/** Whether the attention checks of study `s` stopped rater `u` (and no researcher lifted it). */
export const STOPPED = `EXISTS (SELECT 1 FROM "RaterStop" st WHERE st."studyId" = s.id AND st."raterId" = u.id AND st."liftedAt" IS NULL)`;

/**
 * Whether rater `u` (a column or parameter of their id: `raterId`) has answered the training
 * round of study `s`: as many gold pairs as it asks, or every gold pair they could be given.
 */
export const TRAINED = (raterId: string) => `((SELECT count(*) FROM "TrainingAnswer" t WHERE t."studyId" = s.id AND t."raterId" = ${raterId}) >= s."trainingItems"
         OR NOT EXISTS (${TRAINING_PAIRS(raterId)}))`;

/** Study `s`'s gold pairs that rater `raterId` may still answer in training: not answered there, nor given them to judge. */
export const TRAINING_PAIRS = (raterId: string) => `SELECT p.id FROM "Pair" p
          WHERE p."studyId" = s.id AND p."goldVerdict" IS NOT NULL AND p.active AND p."removedAt" IS NULL
            AND NOT EXISTS (SELECT 1 FROM "TrainingAnswer" t WHERE t."pairId" = p.id AND t."raterId" = ${raterId})
            AND NOT EXISTS (SELECT 1 FROM "Assignment" a WHERE a."pairId" = p.id AND a."raterId" = ${raterId})`;

/**
 * The rater's own assignment, locked along with its pair (as claims lock it), with what its
 * study says of a write now; `inStudy` whether the study is the one `slug` names.
 *
 * The study row is share-locked, so a researcher's pause or close (which locks it for update)
 * waits for this write or is seen by it; letting a rater out withdraws their leases, so it waits
 * on the assignment's row lock and is seen in its status.
 */
export async function lockOwnAssignmentRow(sql: Sql, assignmentId: string, raterId: string, slug: string): Promise<LockedAssignment | undefined> {
  const [row] = await sql.query<LockedAssignment>(
    `SELECT a.id, p."studyId", a."pairId", a.status, a."targetSide", a."leaseExpiresAt" <= now() AS expired,
            s."judgmentsPerPair" AS k, s."rationaleMode" AS "rationaleMode", p."goldVerdict" AS "goldVerdict", s.kind::text AS kind,
            s."scaleMin", s."scaleMax", s."offerBothBad", (extract(epoch FROM now() - a."shownAt") * 1000)::int AS "elapsedMs", a.redacted,
            s.status::text AS "studyStatus", s.slug = $3 AS "inStudy",
            ${LET_IN} AS "letIn", ${STOPPED} AS stopped,
            -- Read only in a study with first steps.
            CASE WHEN s."consentText" = '' AND s."trainingItems" = 0 THEN true ELSE ${CONSENTED} AND ${TRAINED("u.id")} END AS "stepsTaken",
            s."attentionAfter", s."attentionMinAccuracy"
       FROM "Assignment" a
       JOIN "Pair" p ON p.id = a."pairId"
       JOIN "Study" s ON s.id = p."studyId"
       JOIN "User" u ON u.id = a."raterId"
      WHERE a.id = $1 AND a."raterId" = $2
      FOR UPDATE OF p, a FOR KEY SHARE OF s`,
    [assignmentId, raterId, slug],
  );
  return row;
}

/** An assignment's new status, on a row its caller holds locked. */
export async function setAssignmentStatus(sql: Sql, assignmentId: string, status: "expired" | "done" | "withdrawn"): Promise<void> {
  await sql.execute(`UPDATE "Assignment" SET status = $2::"AssignmentStatus" WHERE id = $1`, [assignmentId, status]);
}

// ─── A pair's places ─────────────────────────────────────────────────────────────────────────

/**
 * Whether assignment `a` is live, holding one of its pair's k places: judged, or leased and not
 * yet expired. Skipped and expired ones give the pair back to the pool.
 */
export const LIVE = `(a.status = 'done' OR (a.status = 'active' AND a."leaseExpiresAt" > now()))`;

/** Whether an ordinary pair already has its k live assignments, `exceptAssignmentId` not counted; gold pairs are never full. */
export async function pairIsFull(sql: Sql, pairId: string, k: number, exceptAssignmentId = ""): Promise<boolean> {
  const [row] = await sql.query<{ full: boolean }>(
    `SELECT p."goldVerdict" IS NULL
            AND (SELECT count(*) FROM "Assignment" a WHERE a."pairId" = p.id AND a.id <> $2 AND ${LIVE}) >= $3 AS full
       FROM "Pair" p WHERE p.id = $1`,
    [pairId, exceptAssignmentId, k],
  );
  return row.full;
}

// ─── Resuming ────────────────────────────────────────────────────────────────────────────────

/** The rater's unfinished assignment in the study, its pair and itself locked. */
export async function lockOpenAssignment(sql: Sql, studyId: string, raterId: string) {
  const [open] = await sql.query<{ id: string; pairId: string; expired: boolean; stopped: boolean }>(
    `SELECT a.id, a."pairId", a."leaseExpiresAt" <= now() AS expired,
            EXISTS (SELECT 1 FROM "RaterStop" st WHERE st."studyId" = $2 AND st."raterId" = $1 AND st."liftedAt" IS NULL) AS stopped
       FROM "Assignment" a JOIN "Pair" p ON p.id = a."pairId"
      WHERE a."raterId" = $1 AND a.status = 'active' AND p."studyId" = $2
      ORDER BY a."createdAt" DESC
      LIMIT 1
      FOR UPDATE OF p, a`,
    [raterId, studyId],
  );
  return open;
}

export async function renewLease(sql: Sql, assignmentId: string, leaseSeconds: number): Promise<void> {
  await sql.execute(`UPDATE "Assignment" SET "leaseExpiresAt" = now() + make_interval(secs => $1) WHERE id = $2`, [leaseSeconds, assignmentId]);
}

// ─── Claiming ────────────────────────────────────────────────────────────────────────────────

/** One rater's claims in a study take turns until the end of the transaction. */
export async function takeClaimTurn(sql: Sql, studyId: string, raterId: string): Promise<void> {
  await sql.execute(`SELECT pg_advisory_xact_lock(hashtext('claim:' || $1 || ':' || $2))`, [studyId, raterId]);
}

/**
 * A rule that differs for the crowd link's participants, for rater $2 in study $1: `crowd` where
 * it is set and the rater is one of the study's participants, `invited` otherwise.
 */
function ofRater(invited: string, crowd: string): string {
  return `CASE WHEN ${crowd} IS NULL THEN ${invited}
        WHEN EXISTS (SELECT 1 FROM "User" u WHERE u.id = $2 AND u."participantOfStudyId" = $1) THEN ${crowd}
        ELSE ${invited} END`;
}

/**
 * Whether the rater has taken the study's first steps (agreed to its consent text, answered its
 * training round) and was not stopped by its attention checks; read by a claim only in a study
 * that has any of them.
 */
export async function mayClaim(sql: Sql, rules: Rules, raterId: string): Promise<boolean> {
  const [row] = await sql.query<{ may: boolean }>(
    `SELECT ${CONSENTED} AND ${TRAINED("u.id")} AND NOT ${STOPPED} AS may
       FROM "Study" s, "User" u WHERE s.id = $1 AND u.id = $2`,
    [rules.studyId, raterId],
  );
  return row.may;
}

/**
 * The next pair for this rater, locked: one they have not seen (nor its prompt, if the study says
 * so); an ordinary pair must have room, and the least-held go first in a random order fixed per
 * pair, so that baselines and prompts fill evenly. An ordinary pair's walk follows the index on
 * ("studyId", "heldCount", "shuffleKey"), a gold pair's the gold pairs' own ("Pair_gold_walk",
 * which the literal condition lets the planner use), and each stops at the first pair that
 * qualifies. Pairs locked by other claimers are skipped, unless `wait`. Parameters: $1 the study,
 * $2 the rater, then for an ordinary pair $3 k and $4 one pair per prompt, for a gold one $3 the latter.
 */
const candidate = (gold: boolean, wait: boolean) => `SELECT p.id
       FROM "Pair" p
      WHERE p."studyId" = $1
        AND ${gold ? `p."goldVerdict" IS NOT NULL` : `p."goldVerdict" IS NULL AND p."heldCount" < $3::int`}
        AND NOT EXISTS (SELECT 1 FROM "Assignment" mine WHERE mine."pairId" = p.id AND mine."raterId" = $2)
        ${gold ? `-- A gold pair the rater answered in training is not handed to them again.
        AND NOT EXISTS (SELECT 1 FROM "TrainingAnswer" t WHERE t."pairId" = p.id AND t."raterId" = $2)` : ""}
        AND p.active AND p."removedAt" IS NULL
        AND NOT (${gold ? "$3" : "$4"}::boolean AND EXISTS (SELECT 1 FROM "Assignment" mine JOIN "Pair" seen ON seen.id = mine."pairId"
                                 WHERE mine."raterId" = $2 AND seen."promptId" = p."promptId"))
      ORDER BY p."heldCount", p."shuffleKey"
      LIMIT 1
      FOR UPDATE OF p ${wait ? "" : "SKIP LOCKED"}`;
const CANDIDATE = {
  ordinary: { skipLocked: candidate(false, false), wait: candidate(false, true) },
  gold: { skipLocked: candidate(true, false), wait: candidate(true, true) },
};

export async function lockCandidate(sql: Sql, rules: Rules, raterId: string, gold: boolean, wait: boolean): Promise<string | undefined> {
  const kind = gold ? CANDIDATE.gold : CANDIDATE.ordinary;
  const params = gold ? [rules.studyId, raterId, rules.promptOncePerRater] : [rules.studyId, raterId, rules.k, rules.promptOncePerRater];
  const [row] = await sql.query<{ id: string }>(wait ? kind.wait : kind.skipLocked, params);
  return row?.id;
}

/** The new assignment's id: the pair leased to the rater, the target on `targetSide`. */
export async function insertAssignment(sql: Sql, rules: Rules, pairId: string, raterId: string, targetSide: Side): Promise<string> {
  const [created] = await sql.query<{ id: string }>(
    `INSERT INTO "Assignment" (id, "pairId", "raterId", "targetSide", status, "leaseExpiresAt", redacted)
     VALUES (gen_random_uuid()::text, $1, $2, $3::"Side", 'active',
             now() + make_interval(secs => $4),
             -- Stamped now, so the rater's screen and the export agree however the setting changes.
             $5::boolean AND EXISTS (
               SELECT 1 FROM "Pair" p JOIN "Response" r ON r.id IN (p."targetResponseId", p."baselineResponseId")
                WHERE p.id = $1 AND cardinality(r."selfNames") > 0))
     RETURNING id`,
    [pairId, raterId, targetSide, rules.leaseSeconds, rules.hideSelfNaming],
  );
  return created.id;
}

/**
 * Other raters' leases in the study that ran out, marked expired so that their pairs' places are
 * free again; how many. Rows someone else has locked are left to them.
 */
export async function releaseLapsedLeases(sql: Sql, studyId: string, raterId: string): Promise<number> {
  return sql.execute(
    `UPDATE "Assignment" a SET status = 'expired'
       FROM (SELECT lapsed.id
               FROM "Assignment" lapsed JOIN "Pair" p ON p.id = lapsed."pairId"
              WHERE p."studyId" = $1 AND lapsed.status = 'active' AND lapsed."leaseExpiresAt" <= now()
                AND lapsed."raterId" <> $2
              FOR UPDATE OF p, lapsed SKIP LOCKED) lapsed
      WHERE a.id = lapsed.id`,
    [studyId, raterId],
  );
}

// ─── The rater's screen ──────────────────────────────────────────────────────────────────────

export type Turn = { role: "user" | "assistant"; content: string };

export interface PairTexts {
  targetSide: Side;
  /** The study's systems, when this assignment shows self-naming hidden. */
  hideNames: string[] | null;
  promptText: string;
  history: Turn[] | null;
  targetText: string;
  targetTurns: string[] | null;
  baselineText: string | null;
  baselineTurns: string[] | null;
}

/** The texts of an assignment's pair, in one statement (Prisma's nested select sends five). */
export async function pairTexts(sql: Sql, assignmentId: string): Promise<PairTexts> {
  const [row] = await sql.query<PairTexts>(
    `SELECT a."targetSide" AS "targetSide", pr.text AS "promptText", pr.history,
            CASE WHEN a.redacted THEN (SELECT array_agg(s.name) FROM "System" s WHERE s."studyId" = p."studyId") END AS "hideNames",
            t.text AS "targetText", t.turns AS "targetTurns", b.text AS "baselineText", b.turns AS "baselineTurns"
       FROM "Assignment" a
       JOIN "Pair" p ON p.id = a."pairId"
       JOIN "Prompt" pr ON pr.id = p."promptId"
       JOIN "Response" t ON t.id = p."targetResponseId"
       LEFT JOIN "Response" b ON b.id = p."baselineResponseId"
      WHERE a.id = $1`,
    [assignmentId],
  );
  return row;
}

// ─── The rater's progress ────────────────────────────────────────────────────────────────────

export interface RaterProgress {
  done: number;
  remaining: number;
  /** Pairs the study asks of each rater, if it sets a quota. */
  quota: number | null;
}

// The rater's assignments in study $1 with their pairs, each pair found by its key: the walk
// follows the rater's history, never the study's size. The fence (OFFSET 0) keeps the planner
// from joining the other way, reading every pair of the study, as its generic plan did when it
// guessed a study holds half the pairs there are.
const RATER_PAIRS = `"Assignment" a CROSS JOIN LATERAL (SELECT * FROM "Pair" p WHERE p.id = a."pairId" AND p."studyId" = $1 OFFSET 0) p`;

// The study's rules as the counts below read them ($1 the study, $2 the rater): from the study's
// row, or as given ($3 k, $4 one pair per prompt, $5 the quota, $6 the gold rate) by a caller
// that read them with the study.
const RULES_OF_STUDY = `SELECT "judgmentsPerPair" AS k, "promptOncePerRater" AS once, ${ofRater(`"quotaPerRater"`, `"crowdQuota"`)} AS quota, "goldRate" AS rate FROM "Study" WHERE id = $1`;
const RULES_GIVEN = `SELECT $3::int AS k, $4::boolean AS once, (${ofRater("$5::int", "$7::int")})::int AS quota, $6::float8 AS rate`;
const underRules = (rules: Rules, raterId: string) => [rules.studyId, raterId, rules.k, rules.promptOncePerRater, rules.quota, rules.goldRate, rules.crowdQuota];

/**
 * Judged by this rater, and what is left for them. Ordinary pairs still open to them: not seen,
 * and with room (a lease that ran out holds its place until it is marked expired) or leased to
 * them now, counted as the study's pairs with room, less those the rater has had, plus the one
 * they hold; with one pair per prompt for each rater, prompts counted the same way. The study's
 * pairs and prompts with room are read from "StudyRoom", and a prompt's room from its own row,
 * both kept by triggers on "Pair" (prisma/DERIVED.md); the rest is the rater's own history, so
 * that the cost does not grow with the study.
 *
 * Gold pairs must not show in these figures, so "to go" also counts the gold pairs the rater can
 * still expect: with C pairs of theirs closed (judged, skipped or lapsed), O ordinary ones open,
 * Hg a gold pair held and G gold pairs had, the gold rate r holds over the whole run when
 * G + Gf = r (C + O + Hg + Gf), so Gf = (r (C + O + Hg) − G) / (1 − r). Closing any pair,
 * ordinary or gold, and taking any next one moves this total down by exactly one (in exact
 * numeric arithmetic, rounded half up, so that a shift by one always rounds the same way).
 */
const raterCounts = (rules: string) => `
  WITH rules AS (${rules}),
  -- The rater's history in the study, one row per prompt they had a pair of, in one pass.
  prompts AS (
    SELECT count(*) FILTER (WHERE a.status <> 'active') AS closed,
           count(*) FILTER (WHERE p."goldVerdict" IS NOT NULL) AS gold,
           count(*) FILTER (WHERE p."goldVerdict" IS NOT NULL AND a.status = 'active') AS "goldHeld",
           count(*) FILTER (WHERE p."goldVerdict" IS NULL) AS mine,
           count(*) FILTER (WHERE p."goldVerdict" IS NULL AND a.status = 'active') AS "mineActive",
           count(*) FILTER (WHERE p."goldVerdict" IS NULL AND p."heldCount" < rules.k AND p.active AND p."removedAt" IS NULL) AS "mineRoom",
           -- Read only with one pair per prompt.
           bool_or(rules.once AND p."goldVerdict" IS NULL AND (SELECT pr."roomyPairs" > 0 FROM "Prompt" pr WHERE pr.id = p."promptId")) AS "promptRoom"
      FROM ${RATER_PAIRS}, rules
     WHERE a."raterId" = $2
     GROUP BY p."promptId"),
  had AS (
    SELECT coalesce(sum(closed), 0) AS closed, coalesce(sum(gold), 0) AS gold, coalesce(sum("goldHeld"), 0) AS "goldHeld",
           coalesce(sum("mineRoom"), 0) AS "mineRoom", coalesce(sum("mineActive"), 0) AS "mineActive",
           count(*) FILTER (WHERE "promptRoom") AS "minePromptsRoom",
           count(*) FILTER (WHERE mine = 1 AND "mineActive" = 1) AS "promptsHeld"
      FROM prompts),
  room AS (SELECT "roomyPairs" AS pairs, "roomyPrompts" AS prompts, "goldPairs" AS gold FROM "StudyRoom" WHERE "studyId" = $1),
  counted AS (
    SELECT (SELECT count(*)::int FROM "Judgment" j WHERE j."studyId" = $1 AND j."raterId" = $2) AS done,
           (CASE WHEN r.once THEN room.prompts - h."minePromptsRoom" + h."promptsHeld"
                 ELSE room.pairs - h."mineRoom" + h."mineActive" END)::int AS ordinary,
           h.closed::int AS closed, h.gold::int AS gold, h."goldHeld"::int AS "goldHeld",
           -- The gold pairs the rater may be given: those of the study, less those they answered in training.
           (room.gold - (SELECT count(*) FROM "TrainingAnswer" t JOIN "Pair" p ON p.id = t."pairId"
                          WHERE t."studyId" = $1 AND t."raterId" = $2 AND p."goldVerdict" IS NOT NULL AND p.active AND p."removedAt" IS NULL))::int AS "goldPairs",
           r.rate
      FROM had h, room, rules r),
  expected AS (
    SELECT c.*, CASE WHEN c.rate <= 0 THEN 0 WHEN c.rate >= 1 THEN c."goldPairs" - c.gold ELSE
             LEAST(GREATEST(floor((c.rate::numeric * (c.closed + c.ordinary + c."goldHeld") - c.gold) / (1 - c.rate::numeric) + 0.5)::int, 0), c."goldPairs" - c.gold)
           END AS "goldToCome"
      FROM counted c)`;

const progress = (rules: string) => `${raterCounts(rules)}
  -- A quota caps what is left at the pairs the rater may still judge.
  SELECT e.done, (CASE WHEN r.quota IS NULL THEN e.remaining ELSE LEAST(e.remaining, GREATEST(r.quota - e.done, 0)) END)::int AS remaining, r.quota
    FROM (SELECT done, ordinary + "goldHeld" + "goldToCome" AS remaining FROM expected) e, rules r`;
const PROGRESS = { ofStudy: progress(RULES_OF_STUDY), given: progress(RULES_GIVEN) };

/** The rater's progress in a study: under the rules given, or those its row holds when given only its id. */
export async function raterProgress(sql: Sql, study: string | Rules, raterId: string): Promise<RaterProgress> {
  const [row] =
    typeof study === "string"
      ? await sql.query<RaterProgress>(PROGRESS.ofStudy, [study, raterId])
      : await sql.query<RaterProgress>(PROGRESS.given, underRules(study, raterId));
  return row;
}

/** What a claim reads of the rater before it looks for a pair: in one statement, see claimOutlook. */
export interface ClaimOutlook {
  /** Pairs judged or held, against the quota; and the target's sides so far, for balancing them. */
  pairs: number;
  left: number;
  right: number;
  quota: number | null;
  /** Stopped by the attention checks: a stop holds though the researcher has since turned them off. */
  stopped: boolean;
  /** Whether the rater took the study's first steps (read only in a study that has any). */
  may: boolean;
  /** The ordinary pairs left and the gold pairs expected, with nothing held (read only in a study with gold). */
  ordinary: number;
  goldToCome: number;
}

// The rater's history in the study, for the quota and the target's sides.
const HISTORY = `history AS (
    SELECT count(*) FILTER (WHERE a.status IN ('active', 'done'))::int AS pairs,
           count(*) FILTER (WHERE a."targetSide" = 'left')::int AS left,
           count(*) FILTER (WHERE a."targetSide" = 'right')::int AS right
      FROM ${RATER_PAIRS}
     WHERE a."raterId" = $2)`;

// $1 the study, $2 the rater, then as underRules gives them ($3 k … $7 the crowd quota) and $8
// whether the study has first steps; without gold, $3 the quota, $4 the crowd's, $5 first steps.
const claimOutlookSql = (gold: boolean) => {
  const [quota, crowd, gated] = gold ? ["$5", "$7", "$8"] : ["$3", "$4", "$5"];
  return `${gold ? `${raterCounts(RULES_GIVEN)},` : "WITH"} ${HISTORY}
  SELECT h.pairs, h.left, h.right, (${ofRater(`${quota}::int`, `${crowd}::int`)})::int AS quota,
         EXISTS (SELECT 1 FROM "RaterStop" st WHERE st."studyId" = $1 AND st."raterId" = $2 AND st."liftedAt" IS NULL) AS stopped,
         CASE WHEN ${gated}::boolean THEN (SELECT ${CONSENTED} AND ${TRAINED("u.id")} AND NOT ${STOPPED} FROM "Study" s, "User" u WHERE s.id = $1 AND u.id = $2)
              ELSE true END AS may,
         ${gold ? `e.ordinary, e."goldToCome"` : `0 AS ordinary, 0 AS "goldToCome"`}
    FROM history h${gold ? ", expected e" : ""}`;
};
const CLAIM_OUTLOOK = { gold: claimOutlookSql(true), ordinary: claimOutlookSql(false) };

/**
 * What a claim reads of the rater before it looks for a pair, in one statement where three were
 * sent: the history for the quota and the sides, the first steps and the stop, and in a study with
 * gold the same counts as the rater's progress, which say whether gold is due.
 */
export async function claimOutlook(sql: Sql, rules: Rules, raterId: string): Promise<ClaimOutlook> {
  const [row] =
    rules.goldRate > 0
      ? await sql.query<ClaimOutlook>(CLAIM_OUTLOOK.gold, [...underRules(rules, raterId), rules.gated])
      : await sql.query<ClaimOutlook>(CLAIM_OUTLOOK.ordinary, [rules.studyId, raterId, rules.quota, rules.crowdQuota, rules.gated]);
  return row;
}
