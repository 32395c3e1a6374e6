// Hands a rater their next pair: the one they were working on if its lease still holds (so a
// reload resumes), otherwise a new one claimed under a row lock so that concurrent raters and
// app processes never hand a pair out beyond k.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { pickTargetSide, type Side } from "@/lib/assign/policy";

/** What a rater's browser receives: texts and an opaque assignment id, never a system or pair. */
export interface PairOnScreen {
  assignmentId: string;
  prompt: string;
  left: string;
  right: string;
}

type Tx = Prisma.TransactionClient;

// A pair's live assignments: judged, or leased and not yet expired. Skipped and expired ones
// give the pair back to the pool.
const LIVE = `(a.status = 'done' OR (a.status = 'active' AND a."leaseExpiresAt" > now()))`;

async function liveCount(tx: Tx, pairId: string, exceptAssignmentId = ""): Promise<number> {
  const [row] = await tx.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM "Assignment" a WHERE a."pairId" = $1 AND a.id <> $2 AND ${LIVE}`,
    pairId,
    exceptAssignmentId,
  );
  return row.n;
}

async function leaseFor(studyId: string): Promise<{ k: number; leaseSeconds: number }> {
  const study = await db().study.findUniqueOrThrow({
    where: { id: studyId },
    select: { judgmentsPerPair: true, leaseSeconds: true },
  });
  return { k: study.judgmentsPerPair, leaseSeconds: study.leaseSeconds };
}

/** The rater's unfinished assignment in this study, renewed if its pair still has room. */
async function resume(tx: Tx, studyId: string, raterId: string, k: number, leaseSeconds: number) {
  const [open] = await tx.$queryRaw<{ id: string; pairId: string; expired: boolean }[]>`
    SELECT a.id, a."pairId", a."leaseExpiresAt" <= now() AS expired
      FROM "Assignment" a JOIN "Pair" p ON p.id = a."pairId"
     WHERE a."raterId" = ${raterId} AND a.status = 'active' AND p."studyId" = ${studyId}
     ORDER BY a."createdAt" DESC
     LIMIT 1
     FOR UPDATE OF p, a`;
  if (!open) return undefined;
  if (open.expired && (await liveCount(tx, open.pairId, open.id)) >= k) {
    await tx.assignment.update({ where: { id: open.id }, data: { status: "expired" } });
    return undefined;
  }
  await tx.$executeRaw`
    UPDATE "Assignment" SET "leaseExpiresAt" = now() + make_interval(secs => ${leaseSeconds})
     WHERE id = ${open.id}`;
  return open.id;
}

/** The least-judged pair this rater has not seen and that has room, locked; seeded random tie-break. */
async function lockCandidate(tx: Tx, studyId: string, raterId: string, k: number, wait: boolean) {
  const [candidate] = await tx.$queryRawUnsafe<{ id: string }[]>(
    `SELECT p.id
       FROM "Pair" p
       CROSS JOIN LATERAL (SELECT count(*) AS live FROM "Assignment" a WHERE a."pairId" = p.id AND ${LIVE}) l
      WHERE p."studyId" = $1
        AND l.live < $3
        AND NOT EXISTS (SELECT 1 FROM "Assignment" mine WHERE mine."pairId" = p.id AND mine."raterId" = $2)
      ORDER BY l.live, md5(p.id || $1)
      LIMIT 1
      FOR UPDATE OF p ${wait ? "" : "SKIP LOCKED"}`,
    studyId,
    raterId,
    k,
  );
  return candidate?.id;
}

type ClaimAttempt = { assignmentId: string } | "none left" | "filled meanwhile";

/**
 * One attempt, in a transaction of its own that locks at most one pair, so claims never
 * deadlock. Pairs locked by other claimers are skipped; only when every candidate is locked does
 * it wait for one, because with k > 1 that pair may still have room once its claimer is done.
 */
async function tryClaim(studyId: string, raterId: string, k: number, leaseSeconds: number): Promise<ClaimAttempt> {
  return db().$transaction(async (tx) => {
    const pairId =
      (await lockCandidate(tx, studyId, raterId, k, false)) ?? (await lockCandidate(tx, studyId, raterId, k, true));
    if (!pairId) return "none left";
    // Counted again under the lock: what the candidate query saw may be stale by now.
    if ((await liveCount(tx, pairId)) >= k) return "filled meanwhile";
    const targetSide: Side = pickTargetSide();
    const [created] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "Assignment" (id, "pairId", "raterId", "targetSide", status, "leaseExpiresAt")
      VALUES (gen_random_uuid()::text, ${pairId}, ${raterId}, ${targetSide}::"Side", 'active',
              now() + make_interval(secs => ${leaseSeconds}))
      RETURNING id`;
    return { assignmentId: created.id };
  });
}

async function claim(studyId: string, raterId: string, k: number, leaseSeconds: number): Promise<string | undefined> {
  // Each attempt sees the claims committed before it, so a pair found full is not offered again.
  for (;;) {
    const attempt = await tryClaim(studyId, raterId, k, leaseSeconds);
    if (attempt === "none left") return undefined;
    if (attempt !== "filled meanwhile") return attempt.assignmentId;
  }
}

async function onScreen(assignmentId: string): Promise<PairOnScreen> {
  const a = await db().assignment.findUniqueOrThrow({
    where: { id: assignmentId },
    select: {
      targetSide: true,
      pair: {
        select: {
          prompt: { select: { text: true } },
          targetResponse: { select: { text: true } },
          baselineResponse: { select: { text: true } },
        },
      },
    },
  });
  const target = a.pair.targetResponse.text;
  const baseline = a.pair.baselineResponse.text;
  return {
    assignmentId,
    prompt: a.pair.prompt.text,
    left: a.targetSide === "left" ? target : baseline,
    right: a.targetSide === "left" ? baseline : target,
  };
}

export async function nextAssignment(studyId: string, raterId: string): Promise<PairOnScreen | null> {
  const { k, leaseSeconds } = await leaseFor(studyId);
  const assignmentId =
    (await db().$transaction((tx) => resume(tx, studyId, raterId, k, leaseSeconds))) ??
    (await claim(studyId, raterId, k, leaseSeconds));
  return assignmentId ? onScreen(assignmentId) : null;
}

export interface RaterProgress {
  done: number;
  remaining: number;
}

/** Judged by this rater, and pairs still open to them (not seen by them and not yet full). */
export async function raterProgress(studyId: string, raterId: string): Promise<RaterProgress> {
  const [row] = await db().$queryRawUnsafe<RaterProgress[]>(
    `SELECT
       (SELECT count(*)::int FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
         WHERE p."studyId" = $1 AND j."raterId" = $2) AS done,
       (SELECT count(*)::int FROM "Pair" p JOIN "Study" s ON s.id = p."studyId"
         WHERE p."studyId" = $1
           AND NOT EXISTS (SELECT 1 FROM "Assignment" mine
                            WHERE mine."pairId" = p.id AND mine."raterId" = $2 AND mine.status <> 'active')
           AND (SELECT count(*) FROM "Assignment" a WHERE a."pairId" = p.id AND a."raterId" <> $2 AND ${LIVE})
               < s."judgmentsPerPair") AS remaining`,
    studyId,
    raterId,
  );
  return row;
}
