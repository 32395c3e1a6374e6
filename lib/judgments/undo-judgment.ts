// A rater takes back their last judgment, for a short while after it (UNDO_SECONDS), as
// annotation tools let one undo a slip: the judgment is deleted (the triggers on "Judgment" take
// it out of every count) and the same item is theirs again, with a fresh lease. Everything that
// allows it is read in the transaction that deletes, under the locks a write takes.
import "server-only";
import { lockOwnAssignment } from "@/lib/assign/lock-own-assignment";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { KINDS } from "@/lib/kinds";
import { viaPrisma, type Sql } from "@/lib/sql";
import { UNDO_SECONDS } from "./undo-window";

/**
 * What lets the rater write, held until this transaction ends, taken before any pair is: their
 * account (disabling it updates the row, then withdraws their leases) and their place in the
 * study (letting them out deletes it, then withdraws their leases). Either waits for this undo,
 * and so sees the lease it gives back, or has happened, and the gate below sees it. Without these
 * locks, a rater let out meanwhile could keep a lease: the withdrawal would look for leases before
 * the one given back here was one.
 */
async function holdLetIn(sql: Sql, raterId: string, slug: string): Promise<void> {
  await sql.query(`SELECT 1 FROM "User" WHERE id = $1 FOR SHARE`, [raterId]);
  await sql.query(
    `SELECT 1 FROM "StudyRater" r JOIN "Study" s ON s.id = r."studyId" WHERE s.slug = $1 AND r."raterId" = $2 FOR KEY SHARE OF r`,
    [slug, raterId],
  );
}

/**
 * The rater's other assignments in the study that could still take a judgment, locked with their
 * pairs, so that a judgment sent from another tab meanwhile lands before this undo (and is seen
 * as the later one) or after it. With each, whether it holds a report of the rater's, and whether
 * it was handed out after the judgment on `assignmentId`.
 */
async function lockOtherOpenAssignments(sql: Sql, studyId: string, raterId: string, assignmentId: string) {
  return sql.query<{ id: string; status: string; handedSince: boolean; flagged: boolean }>(
    `SELECT a.id, a.status::text AS status, EXISTS (SELECT 1 FROM "Flag" f WHERE f."assignmentId" = a.id) AS flagged,
            a."createdAt" >= (SELECT j."createdAt" FROM "Judgment" j WHERE j."assignmentId" = $3) AS "handedSince"
       FROM "Assignment" a JOIN "Pair" p ON p.id = a."pairId"
      WHERE a."raterId" = $1 AND p."studyId" = $2 AND a.id <> $3 AND a.status IN ('active', 'expired')
      ORDER BY p.id
      FOR UPDATE OF p, a`,
    [raterId, studyId, assignmentId],
  );
}

/** The judgment on the assignment: whether it is the rater's latest in its study, and still within the window. */
async function judgmentOf(sql: Sql, assignmentId: string) {
  const [row] = await sql.query<{ id: string; createdAt: Date; timeOnTaskMs: number; latest: boolean; fresh: boolean }>(
    `SELECT j.id, j."createdAt", j."timeOnTaskMs",
            NOT EXISTS (SELECT 1 FROM "Judgment" later
                         WHERE later."studyId" = j."studyId" AND later."raterId" = j."raterId" AND later.id <> j.id
                           AND later."createdAt" >= j."createdAt") AS latest,
            j."createdAt" > now() - make_interval(secs => $2) AS fresh
       FROM "Judgment" j WHERE j."assignmentId" = $1`,
    [assignmentId, UNDO_SECONDS],
  );
  return row;
}

/**
 * Deletes the rater's judgment on `assignmentId` and gives them the item again: only while the
 * study is open, the rater still let in, the assignment theirs in the study `slug` names, the
 * judgment their latest there and under a minute old. The item handed to them since (a lease they
 * have not answered) goes back to the pool, so the item taken back is the one they see next; one
 * they have reported a problem with keeps the judgment (the report is theirs, and stays).
 */
export async function undoJudgment(raterId: string, slug: string, assignmentId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const sql = viaPrisma(tx);
    await holdLetIn(sql, raterId, slug);
    const assignment = await lockOwnAssignment(sql, raterId, slug, assignmentId);
    // As every write's gate (requireWritable) has it, in the words of a judgment that stays.
    if (assignment.studyStatus === "paused") throw new AppError("conflict", "This study is paused, so your judgment stays as it was. Please come back later.");
    if (assignment.studyStatus !== "open") throw new AppError("gone", "This study has ended, so your judgments stay as they are. Thank you for taking part.");
    if (!assignment.letIn) throw new AppError("not_found", "You are no longer taking part in this study, so your judgments stay as they are.");
    if (assignment.stopped) throw new AppError("gone", "This study's check questions stopped you, so your judgments stay as they are.");
    const { one } = KINDS[assignment.kind].item;
    const others = await lockOtherOpenAssignments(sql, assignment.studyId, raterId, assignment.id);
    const judgment = assignment.status === "done" ? await judgmentOf(sql, assignment.id) : undefined;
    if (!judgment) throw new AppError("conflict", `There is no judgment of yours on this ${one} to take back.`);
    if (!judgment.latest) {
      throw new AppError("conflict", `Only your last judgment can be taken back, and you have judged another ${one} since, so this one stays recorded.`);
    }
    if (!judgment.fresh) throw new AppError("gone", `A judgment can be taken back only for a minute after it, so this one stays recorded.`);
    const since = others.filter((other) => other.status === "active" && other.handedSince);
    if (since.some((other) => other.flagged)) {
      throw new AppError("conflict", `You reported a problem with the ${one} after this one, so this judgment stays recorded.`);
    }

    await sql.execute(`DELETE FROM "Judgment" WHERE id = $1`, [judgment.id]);
    // The same item again, on a fresh lease; its time on task goes on from what it was.
    await sql.execute(
      `UPDATE "Assignment" a SET status = 'active', "leaseExpiresAt" = now() + make_interval(secs => s."leaseSeconds"),
              "shownAt" = now() - make_interval(secs => $3::float8 / 1000)
         FROM "Study" s WHERE a.id = $1 AND s.id = $2`,
      [assignment.id, assignment.studyId, judgment.timeOnTaskMs],
    );
    // The item handed out after the judgment was never answered: as if it had not been handed out.
    if (since.length > 0) await sql.execute(`DELETE FROM "Assignment" WHERE id = ANY($1::text[])`, [since.map((other) => other.id)]);
  });
}
