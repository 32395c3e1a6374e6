// Hands a rater their next pair: the one they were working on if its lease still holds (so a
// reload resumes), otherwise a new one claimed under a row lock, so that concurrent raters and
// app processes never hand an ordinary pair out beyond k nor any pair twice to one rater.
import "server-only";
import { goldDue, pickTargetSide } from "@/lib/assign/policy";
import { hideSelfNaming } from "@/lib/blind/self-naming";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isDeadlock } from "@/lib/db-errors";

type Turn = { role: "user" | "assistant"; content: string };

type Answer = { text: string; turns: string[] | null };

/**
 * What a rater's browser receives: texts and an opaque assignment id, never a system or pair. Two
 * answers side by side, or in an absolute study one answer to label.
 */
export type PairOnScreen =
  | { assignmentId: string; prompt: { text: string; history: Turn[] }; left: Answer; right: Answer }
  | { assignmentId: string; prompt: { text: string; history: Turn[] }; answer: Answer };

type Tx = Prisma.TransactionClient;

interface Rules {
  k: number;
  leaseSeconds: number;
  promptOncePerRater: boolean;
  goldRate: number;
  quota: number | null;
  /** Whether raters see answers that name their writer with the names hidden. */
  hideSelfNaming: boolean;
}

// A pair's live assignments: judged, or leased and not yet expired. Skipped and expired ones
// give the pair back to the pool.
const LIVE = `(a.status = 'done' OR (a.status = 'active' AND a."leaseExpiresAt" > now()))`;

/** Whether an ordinary pair already has its k live assignments; gold pairs are never full. */
export async function pairIsFull(tx: Tx, pairId: string, k: number, exceptAssignmentId = ""): Promise<boolean> {
  const [row] = await tx.$queryRawUnsafe<{ full: boolean }[]>(
    `SELECT p."goldVerdict" IS NULL
            AND (SELECT count(*) FROM "Assignment" a WHERE a."pairId" = p.id AND a.id <> $2 AND ${LIVE}) >= $3 AS full
       FROM "Pair" p WHERE p.id = $1`,
    pairId,
    exceptAssignmentId,
    k,
  );
  return row.full;
}

async function rulesOf(studyId: string): Promise<Rules> {
  const study = await db().study.findUniqueOrThrow({
    where: { id: studyId },
    select: { judgmentsPerPair: true, leaseSeconds: true, promptOncePerRater: true, goldRate: true, quotaPerRater: true, selfNaming: true },
  });
  return {
    k: study.judgmentsPerPair,
    leaseSeconds: study.leaseSeconds,
    promptOncePerRater: study.promptOncePerRater,
    goldRate: study.goldRate,
    quota: study.quotaPerRater,
    hideSelfNaming: study.selfNaming === "redact",
  };
}

/** The rater's unfinished assignment in this study, renewed if its pair still has room. */
async function resume(tx: Tx, studyId: string, raterId: string, rules: Rules) {
  const [open] = await tx.$queryRaw<{ id: string; pairId: string; expired: boolean }[]>`
    SELECT a.id, a."pairId", a."leaseExpiresAt" <= now() AS expired
      FROM "Assignment" a JOIN "Pair" p ON p.id = a."pairId"
     WHERE a."raterId" = ${raterId} AND a.status = 'active' AND p."studyId" = ${studyId}
     ORDER BY a."createdAt" DESC
     LIMIT 1
     FOR UPDATE OF p, a`;
  if (!open) return undefined;
  if (open.expired && (await pairIsFull(tx, open.pairId, rules.k, open.id))) {
    await tx.assignment.update({ where: { id: open.id }, data: { status: "expired" } });
    return undefined;
  }
  await tx.$executeRaw`
    UPDATE "Assignment" SET "leaseExpiresAt" = now() + make_interval(secs => ${rules.leaseSeconds})
     WHERE id = ${open.id}`;
  return open.id;
}

/**
 * The next pair for this rater, locked: one they have not seen (nor its prompt, if the study says
 * so); an ordinary pair must have room, and the least-held go first in a random order fixed per
 * pair, so that baselines and prompts fill evenly. The walk follows the index on
 * ("studyId", "heldCount", "shuffleKey") and stops at the first pair that qualifies. Exported for
 * the rater-loop benchmark, which sends the same statements through pg.
 */
export const candidateSql = (wait: boolean) => `SELECT p.id
       FROM "Pair" p
      WHERE p."studyId" = $1
        AND (p."goldVerdict" IS NOT NULL) = $5::boolean
        AND (p."goldVerdict" IS NOT NULL OR p."heldCount" < $3::int)
        AND NOT EXISTS (SELECT 1 FROM "Assignment" mine WHERE mine."pairId" = p.id AND mine."raterId" = $2)
        AND p.active
        AND NOT ($4::boolean AND EXISTS (SELECT 1 FROM "Assignment" mine JOIN "Pair" seen ON seen.id = mine."pairId"
                                 WHERE mine."raterId" = $2 AND seen."promptId" = p."promptId"))
      ORDER BY p."heldCount", p."shuffleKey"
      LIMIT 1
      FOR UPDATE OF p ${wait ? "" : "SKIP LOCKED"}`;

async function lockCandidate(tx: Tx, studyId: string, raterId: string, rules: Rules, gold: boolean, wait: boolean) {
  const [candidate] = await tx.$queryRawUnsafe<{ id: string }[]>(candidateSql(wait), studyId, raterId, rules.k, rules.promptOncePerRater, gold);
  return candidate?.id;
}

/**
 * Other raters' leases in the study that ran out, marked expired so that their pairs' places are
 * free again; how many. Called only when no pair seems to have room, so a rater who comes back
 * late usually still finds their pair. Rows someone else has locked are left to them.
 */
async function releaseLapsedLeases(studyId: string, raterId: string): Promise<number> {
  return db().$executeRaw`
    UPDATE "Assignment" a SET status = 'expired'
      FROM (SELECT lapsed.id
              FROM "Assignment" lapsed JOIN "Pair" p ON p.id = lapsed."pairId"
             WHERE p."studyId" = ${studyId} AND lapsed.status = 'active' AND lapsed."leaseExpiresAt" <= now()
               AND lapsed."raterId" <> ${raterId}
             FOR UPDATE OF p, lapsed SKIP LOCKED) lapsed
     WHERE a.id = lapsed.id`;
}

/** What this rater has had in this study: for the quota (pairs judged or held) and for balancing the target's side. */
async function raterHistory(tx: Tx, studyId: string, raterId: string) {
  const [row] = await tx.$queryRaw<{ pairs: number; left: number; right: number }[]>`
    SELECT count(*) FILTER (WHERE a.status IN ('active', 'done'))::int AS pairs,
           count(*) FILTER (WHERE a."targetSide" = 'left')::int AS left,
           count(*) FILTER (WHERE a."targetSide" = 'right')::int AS right
      FROM "Assignment" a JOIN "Pair" p ON p.id = a."pairId"
     WHERE a."raterId" = ${raterId} AND p."studyId" = ${studyId}`;
  return row;
}

/** Whether the next pair should be gold, from the same counts as the rater's progress (none are read in a study without gold). */
async function goldIsDue(tx: Tx, studyId: string, raterId: string, rules: Rules): Promise<boolean> {
  if (rules.goldRate <= 0) return false;
  const [outlook] = await tx.$queryRawUnsafe<{ ordinary: number; goldToCome: number }[]>(GOLD_OUTLOOK_SQL, studyId, raterId);
  // At rate 1 every pair is gold while gold pairs last.
  return rules.goldRate >= 1 ? outlook.goldToCome > 0 : goldDue(outlook.goldToCome, outlook.ordinary);
}

type ClaimAttempt = { assignmentId: string } | "none left" | "filled meanwhile";

/**
 * One attempt, in a transaction of its own that locks at most one pair, so claims all but never
 * deadlock (claim retries the rare one). Pairs locked by other claimers are skipped; only when every candidate is locked does
 * it wait for one, because with k > 1 that pair may still have room once its claimer is done.
 */
async function tryClaim(studyId: string, raterId: string, rules: Rules): Promise<ClaimAttempt> {
  return db().$transaction(async (tx) => {
    // With a quota, one rater's claims (two tabs, say) take turns, so that both cannot pass the
    // check below with the last place.
    if (rules.quota !== null) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('claim:' || ${studyId} || ':' || ${raterId}))`;
    const history = await raterHistory(tx, studyId, raterId);
    if (rules.quota !== null && history.pairs >= rules.quota) return "none left";
    const find = (gold: boolean) =>
      lockCandidate(tx, studyId, raterId, rules, gold, false).then((id) => id ?? lockCandidate(tx, studyId, raterId, rules, gold, true));
    const pairId = ((await goldIsDue(tx, studyId, raterId, rules)) ? await find(true) : undefined) ?? (await find(false));
    if (!pairId) return "none left";
    // Checked again under the lock: what the candidate query saw may be stale by now.
    if (await pairIsFull(tx, pairId, rules.k)) return "filled meanwhile";
    const targetSide = pickTargetSide(history.left, history.right);
    const [created] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "Assignment" (id, "pairId", "raterId", "targetSide", status, "leaseExpiresAt", redacted)
      VALUES (gen_random_uuid()::text, ${pairId}, ${raterId}, ${targetSide}::"Side", 'active',
              now() + make_interval(secs => ${rules.leaseSeconds}),
              -- Stamped now, so the rater's screen and the export agree however the setting changes.
              ${rules.hideSelfNaming}::boolean AND EXISTS (
                SELECT 1 FROM "Pair" p JOIN "Response" r ON r.id IN (p."targetResponseId", p."baselineResponseId")
                 WHERE p.id = ${pairId} AND cardinality(r."selfNames") > 0))
      RETURNING id`;
    return { assignmentId: created.id };
  });
}

async function claim(studyId: string, raterId: string, rules: Rules): Promise<string | undefined> {
  // Each attempt sees the claims committed before it, so a pair found full is not offered again.
  let released = false;
  let deadlocks = 0;
  for (;;) {
    // A claim's trigger updates its pair's counts while other claims wait on pairs of their own;
    // under heavy concurrency Postgres may still break a rare cycle by rolling one claim back,
    // which wrote nothing and is simply made again.
    const attempt = await tryClaim(studyId, raterId, rules).catch((error: unknown) => {
      if (isDeadlock(error) && ++deadlocks <= 3) return "filled meanwhile" as const;
      throw error;
    });
    if (attempt === "none left") {
      if (released || (await releaseLapsedLeases(studyId, raterId)) === 0) return undefined;
      released = true;
      continue;
    }
    if (attempt !== "filled meanwhile") return attempt.assignmentId;
  }
}

/**
 * The texts of an assignment's pair, in one statement (Prisma's nested select sends five). Shared
 * with the rater-loop benchmark.
 */
export const ON_SCREEN_SQL = `
  SELECT a."targetSide" AS "targetSide", pr.text AS "promptText", pr.history,
         CASE WHEN a.redacted THEN (SELECT array_agg(s.name) FROM "System" s WHERE s."studyId" = p."studyId") END AS "hideNames",
         t.text AS "targetText", t.turns AS "targetTurns", b.text AS "baselineText", b.turns AS "baselineTurns"
    FROM "Assignment" a
    JOIN "Pair" p ON p.id = a."pairId"
    JOIN "Prompt" pr ON pr.id = p."promptId"
    JOIN "Response" t ON t.id = p."targetResponseId"
    LEFT JOIN "Response" b ON b.id = p."baselineResponseId"
   WHERE a.id = $1`;

interface ScreenRow {
  targetSide: "left" | "right";
  /** The study's systems, when this assignment shows self-naming hidden. */
  hideNames: string[] | null;
  promptText: string;
  history: Turn[] | null;
  targetText: string;
  targetTurns: string[] | null;
  baselineText: string | null;
  baselineTurns: string[] | null;
}

async function onScreen(assignmentId: string): Promise<PairOnScreen> {
  const [row] = await db().$queryRawUnsafe<ScreenRow[]>(ON_SCREEN_SQL, assignmentId);
  const shown = (text: string) => (row.hideNames ? hideSelfNaming(text, row.hideNames) : text);
  const answer = (text: string, turns: string[] | null): Answer => ({ text: shown(text), turns: turns?.map(shown) ?? null });
  const target = answer(row.targetText, row.targetTurns);
  const prompt = { text: row.promptText, history: row.history ?? [] };
  if (row.baselineText === null) return { assignmentId, prompt, answer: target };
  const baseline = answer(row.baselineText, row.baselineTurns);
  return {
    assignmentId,
    prompt,
    left: row.targetSide === "left" ? target : baseline,
    right: row.targetSide === "left" ? baseline : target,
  };
}

export async function nextAssignment(studyId: string, raterId: string): Promise<PairOnScreen | null> {
  const rules = await rulesOf(studyId);
  const assignmentId =
    (await db().$transaction((tx) => resume(tx, studyId, raterId, rules))) ?? (await claim(studyId, raterId, rules));
  return assignmentId ? onScreen(assignmentId) : null;
}

export interface RaterProgress {
  done: number;
  remaining: number;
  /** Pairs the study asks of each rater, if it sets a quota. */
  quota: number | null;
}

/**
 * Judged by this rater, and what is left for them. Ordinary pairs still open to them: not seen,
 * and with room (a lease that ran out holds its place until it is marked expired) or leased to
 * them now, counted as the pairs with room, less those the rater has had, plus the one they hold;
 * with one pair per prompt for each rater, prompts counted the same way.
 *
 * Gold pairs must not show in these figures, so "to go" also counts the gold pairs the rater can
 * still expect: with C pairs of theirs closed (judged, skipped or lapsed), O ordinary ones open,
 * Hg a gold pair held and G gold pairs had, the gold rate r holds over the whole run when
 * G + Gf = r (C + O + Hg + Gf), so Gf = (r (C + O + Hg) − G) / (1 − r). Closing any pair,
 * ordinary or gold, and taking any next one moves this total down by exactly one (in exact
 * numeric arithmetic, rounded half up, so that a shift by one always rounds the same way).
 */
const RATER_COUNTS_SQL = `
  WITH rules AS (SELECT "judgmentsPerPair" AS k, "promptOncePerRater" AS once, "quotaPerRater" AS quota, "goldRate" AS rate FROM "Study" WHERE id = $1),
  roomy AS (
    SELECT p.id, p."promptId" FROM "Pair" p, rules
     WHERE p."studyId" = $1 AND p."goldVerdict" IS NULL AND p."heldCount" < rules.k AND p.active),
  had AS (
    SELECT p."promptId", a.status, p."goldVerdict" IS NOT NULL AS gold, p."heldCount" < rules.k AND p.active AS room
      FROM "Assignment" a JOIN "Pair" p ON p.id = a."pairId", rules
     WHERE a."raterId" = $2 AND p."studyId" = $1),
  mine AS (SELECT * FROM had WHERE NOT gold),
  counted AS (
  SELECT
    (SELECT count(*)::int FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
      WHERE p."studyId" = $1 AND j."raterId" = $2) AS done,
    (CASE WHEN (SELECT once FROM rules) THEN
         (SELECT count(DISTINCT "promptId") FROM roomy)
       - (SELECT count(DISTINCT m."promptId") FROM mine m JOIN roomy r ON r."promptId" = m."promptId")
       + (SELECT count(*) FROM (SELECT 1 FROM mine GROUP BY "promptId" HAVING count(*) = 1 AND bool_and(status = 'active')) held)
     ELSE
         (SELECT count(*) FROM roomy)
       - (SELECT count(*) FROM mine WHERE room)
       + (SELECT count(*) FROM mine WHERE status = 'active')
     END)::int AS ordinary,
    (SELECT count(*) FROM had WHERE status <> 'active')::int AS closed,
    (SELECT count(*) FROM had WHERE gold)::int AS gold,
    (SELECT count(*) FROM had WHERE gold AND status = 'active')::int AS "goldHeld",
    -- Read only in a study with gold pairs: it passes over all of the study's pairs.
    (CASE WHEN (SELECT rate FROM rules) > 0
          THEN (SELECT count(*) FROM "Pair" p WHERE p."studyId" = $1 AND p."goldVerdict" IS NOT NULL AND p.active) ELSE 0 END)::int AS "goldPairs"),
  expected AS (
    SELECT c.*, CASE WHEN r.rate <= 0 THEN 0 WHEN r.rate >= 1 THEN c."goldPairs" - c.gold ELSE
             LEAST(GREATEST(floor((r.rate::numeric * (c.closed + c.ordinary + c."goldHeld") - c.gold) / (1 - r.rate::numeric) + 0.5)::int, 0), c."goldPairs" - c.gold)
           END AS "goldToCome"
      FROM counted c, rules r)`;

export const RATER_PROGRESS_SQL = `${RATER_COUNTS_SQL}
  -- A quota caps what is left at the pairs the rater may still judge.
  SELECT e.done, (CASE WHEN r.quota IS NULL THEN e.remaining ELSE LEAST(e.remaining, GREATEST(r.quota - e.done, 0)) END)::int AS remaining, r.quota
    FROM (SELECT done, ordinary + "goldHeld" + "goldToCome" AS remaining FROM expected) e, rules r`;

/** What the next claim draws gold from: the ordinary pairs left and the gold pairs expected, with nothing held. */
const GOLD_OUTLOOK_SQL = `${RATER_COUNTS_SQL}
  SELECT ordinary, "goldToCome" FROM expected`;

export async function raterProgress(studyId: string, raterId: string): Promise<RaterProgress> {
  const [row] = await db().$queryRawUnsafe<RaterProgress[]>(RATER_PROGRESS_SQL, studyId, raterId);
  return row;
}
