// Hands a rater their next pair: the one they were working on if its lease still holds (so a
// reload resumes), otherwise a new one claimed under a row lock, so that concurrent raters and
// app processes never hand an ordinary pair out beyond k nor any pair twice to one rater. The
// statements are in statements.ts; what is here runs them on a pg pool: the app's (the one its
// Prisma client uses) or the rater-loop benchmark's (nextPair).
import "server-only";
import { goldDue, pickTargetSide } from "@/lib/assign/policy";
import { rulesFrom, rulesOf, type Rules, type StudyRules } from "@/lib/assign/rules";
import {
  claimOutlook,
  insertAssignment,
  lockCandidate,
  lockOpenAssignment,
  mayClaim,
  pairIsFull,
  pairTexts,
  raterProgress as progressOf,
  releaseLapsedLeases,
  renewLease,
  setAssignmentStatus,
  takeClaimTurn,
  type ClaimOutlook,
  type RaterProgress,
  type Turn,
} from "@/lib/assign/statements";
import { hideSelfNaming } from "@/lib/blind/self-naming";
import { primaryDatabase } from "@/lib/db";
import { isDeadlock } from "@/lib/db-errors";
import type { Database, Sql } from "@/lib/sql";

type Answer = { text: string; turns: string[] | null };

/**
 * What a rater's browser receives: texts and an opaque assignment id, never a system or pair. Two
 * answers side by side, or in an absolute study one answer to label.
 */
export type PairOnScreen =
  | { assignmentId: string; prompt: { text: string; history: Turn[] }; left: Answer; right: Answer }
  | { assignmentId: string; prompt: { text: string; history: Turn[] }; answer: Answer };

/** The parts of a step, for a caller that times them (the benchmark); the app runs them untimed. */
export type StepPart = "resume" | "claim" | "candidate" | "screen";
export type PartTimer = <T>(part: StepPart, work: () => Promise<T>) => Promise<T>;
const untimed: PartTimer = (_part, work) => work();

/** The rater's unfinished assignment in this study, renewed if its pair still has room. */
async function resume(tx: Sql, rules: Rules, raterId: string) {
  const open = await lockOpenAssignment(tx, rules.studyId, raterId);
  if (!open) return undefined;
  // A lease claimed while the attention checks were stopping the rater, or held from before the
  // study asked for first steps, is not theirs to resume.
  if (open.stopped || (rules.gated && !(await mayClaim(tx, rules, raterId)))) {
    await setAssignmentStatus(tx, open.id, "withdrawn");
    return undefined;
  }
  if (open.expired && (await pairIsFull(tx, open.pairId, rules.k, open.id))) {
    await setAssignmentStatus(tx, open.id, "expired");
    return undefined;
  }
  await renewLease(tx, open.id, rules.leaseSeconds);
  return open.id;
}

/** Whether the next pair should be gold, from the same counts as the rater's progress (none are read in a study without gold). */
function goldIsDue(rules: Rules, outlook: ClaimOutlook): boolean {
  if (rules.goldRate <= 0) return false;
  // At rate 1 every pair is gold while gold pairs last.
  return rules.goldRate >= 1 ? outlook.goldToCome > 0 : goldDue(outlook.goldToCome, outlook.ordinary);
}

type ClaimAttempt = { assignmentId: string } | "none left" | "filled meanwhile";

/**
 * One attempt, in a transaction of its own that locks at most one pair, so claims all but never
 * deadlock (claim retries the rare one). Pairs locked by other claimers are skipped; only when every candidate is locked does
 * it wait for one, because with k > 1 that pair may still have room once its claimer is done.
 */
async function tryClaim(database: Database, rules: Rules, raterId: string, time: PartTimer): Promise<ClaimAttempt> {
  return database.transaction(async (tx) => {
    // With a quota, one rater's claims (two tabs, say) take turns, so that both cannot pass the
    // check below with the last place.
    if (rules.quota !== null || rules.crowdQuota !== null) await takeClaimTurn(tx, rules.studyId, raterId);
    // The study's first steps and its attention checks, read in the transaction that claims.
    const history = await claimOutlook(tx, rules, raterId);
    if (!history.may || history.stopped || (history.quota !== null && history.pairs >= history.quota)) return "none left";
    const find = (gold: boolean) =>
      time("candidate", async () => (await lockCandidate(tx, rules, raterId, gold, false)) ?? (await lockCandidate(tx, rules, raterId, gold, true)));
    const pairId = (goldIsDue(rules, history) ? await find(true) : undefined) ?? (await find(false));
    if (!pairId) return "none left";
    // Checked again under the lock: what the candidate query saw may be stale by now.
    if (await pairIsFull(tx, pairId, rules.k)) return "filled meanwhile";
    return { assignmentId: await insertAssignment(tx, rules, pairId, raterId, pickTargetSide(history.left, history.right)) };
  });
}

async function claim(database: Database, rules: Rules, raterId: string, time: PartTimer): Promise<string | undefined> {
  // Each attempt sees the claims committed before it, so a pair found full is not offered again.
  let released = false;
  let deadlocks = 0;
  for (;;) {
    // A claim's trigger updates its pair's counts while other claims wait on pairs of their own;
    // under heavy concurrency Postgres may still break a rare cycle by rolling one claim back,
    // which wrote nothing and is simply made again.
    const attempt = await tryClaim(database, rules, raterId, time).catch((error: unknown) => {
      if (isDeadlock(error) && ++deadlocks <= 3) return "filled meanwhile" as const;
      throw error;
    });
    if (attempt === "none left") {
      // Called only when no pair seems to have room, so a rater who comes back late usually
      // still finds their pair.
      if (released || (await releaseLapsedLeases(database, rules.studyId, raterId)) === 0) return undefined;
      released = true;
      continue;
    }
    if (attempt !== "filled meanwhile") return attempt.assignmentId;
  }
}

async function onScreen(sql: Sql, assignmentId: string): Promise<PairOnScreen> {
  const row = await pairTexts(sql, assignmentId);
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

/** The rater's next pair under the study's rules, on any database: the app's (nextAssignment) or the benchmark's pg pool. */
export async function nextPair(database: Database, rules: Rules, raterId: string, time: PartTimer = untimed): Promise<PairOnScreen | null> {
  const assignmentId =
    (await time("resume", () => database.transaction((tx) => resume(tx, rules, raterId)))) ?? (await time("claim", () => claim(database, rules, raterId, time)));
  return assignmentId ? time("screen", () => onScreen(database, assignmentId)) : null;
}

/** `study`: as read with its rules (RULE_FIELDS), or its id, and its rules are read first. */
export async function nextAssignment(study: string | StudyRules, raterId: string): Promise<PairOnScreen | null> {
  return nextPair(primaryDatabase(), await rulesOf(study), raterId);
}

/** Judged by this rater, and what is left for them (statements.ts says how it is counted). `study` as for nextAssignment. */
export async function raterProgress(study: string | StudyRules, raterId: string): Promise<RaterProgress> {
  return progressOf(primaryDatabase(), typeof study === "string" ? study : rulesFrom(study), raterId);
}
