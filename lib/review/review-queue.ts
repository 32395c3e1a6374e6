// The study's review queue: every item raters flagged or skipped (and any a researcher removed),
// with where it stands, what was reported and how often, its prompt and answers with their
// systems. Postgres counts and pages, so thousands of reports cost a page of items.
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { IDENTITY_COLUMNS_SQL } from "@/lib/results/rater-identities";
import type { RaterIdentity } from "@/lib/results/rater-identity";
import { raterPseudonym } from "@/lib/results/rater-pseudonym";
import { itemReports, reviewedItems } from "@/lib/review/item-reports";
import { REVIEW_STATES, type ReviewQuery, type ReviewState } from "@/lib/validation/review";

export const ITEMS_PER_PAGE = 20;
/** Reports listed under an item, newest first; the reason counts cover them all, the download lists every one. */
export const REPORTS_SHOWN = 10;

export interface ItemReport {
  kind: "flag" | "skip";
  reason: string | null;
  note: string | null;
  rater: string;
  /** Who the rater is, for the study's researchers: an account's email, or a crowd participant's platform id. */
  identity: RaterIdentity;
  at: Date;
  /** The side the rater saw the target's answer on. */
  targetSide: "left" | "right";
}

export interface ReviewItem {
  pairId: string;
  state: ReviewState;
  flags: number;
  skips: number;
  lastReportAt: Date | null;
  /** The last decision on it: when, and by whom (null once their account is gone). */
  reviewedAt: Date | null;
  reviewedBy: string | null;
  removedAt: Date | null;
  prompt: { id: string; externalId: string; text: string; history: { role: string; content: string }[] };
  /** The target's answer first, then the baseline's (none in a study of one answer at a time). */
  answers: { system: string; target: boolean; text: string }[];
  /** How often each reason was given, most often first. */
  flagReasons: { reason: string; count: number }[];
  skipReasons: { reason: string | null; count: number }[];
  reports: ItemReport[];
}

export interface ReviewPage {
  items: ReviewItem[];
  /** Items in each state, whatever is shown. */
  counts: Record<ReviewState, number>;
  /** The page shown: the one asked for, clamped to 1…pageCount. */
  page: number;
  pageCount: number;
}

/** Items waiting for a researcher: the study page's link says how many. */
export async function openReviewCount(studyId: string): Promise<number> {
  const [row] = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (${reviewedItems(studyId)}) i WHERE i.state = 'open'`;
  return row.n;
}

async function stateCounts(studyId: string): Promise<Record<ReviewState, number>> {
  const rows = await db().$queryRaw<{ state: ReviewState; n: number }[]>`
    SELECT i.state, count(*)::int AS n FROM (${reviewedItems(studyId)}) i GROUP BY i.state`;
  return Object.fromEntries(REVIEW_STATES.map((state) => [state, rows.find((row) => row.state === state)?.n ?? 0])) as Record<ReviewState, number>;
}

type ItemRow = Omit<ReviewItem, "prompt" | "answers" | "flagReasons" | "skipReasons" | "reports"> & {
  promptId: string;
  promptExternalId: string;
  promptText: string;
  history: { role: string; content: string }[] | null;
  targetSystem: string;
  targetText: string;
  baselineSystem: string | null;
  baselineText: string | null;
};

export async function reviewQueue(studyId: string, { state, page }: ReviewQuery): Promise<ReviewPage> {
  const counts = await stateCounts(studyId);
  const total = state === "all" ? REVIEW_STATES.reduce((sum, one) => sum + counts[one], 0) : counts[state];
  const pageCount = Math.max(1, Math.ceil(total / ITEMS_PER_PAGE));
  const shown = Math.min(page, pageCount);
  const rows = await db().$queryRaw<ItemRow[]>`
    SELECT i."pairId", i.state, i.flags, i.skips, i."lastReportAt", p."reviewedAt", u.email AS "reviewedBy", p."removedAt",
           pr.id AS "promptId", pr."externalId" AS "promptExternalId", pr.text AS "promptText", pr.history,
           ts.name AS "targetSystem", tr.text AS "targetText", bs.name AS "baselineSystem", br.text AS "baselineText"
      FROM (${reviewedItems(studyId)}) i
      JOIN "Pair" p ON p.id = i."pairId"
      JOIN "Prompt" pr ON pr.id = p."promptId"
      JOIN "Response" tr ON tr.id = p."targetResponseId" JOIN "System" ts ON ts.id = p."targetSystemId"
      LEFT JOIN "Response" br ON br.id = p."baselineResponseId" LEFT JOIN "System" bs ON bs.id = p."baselineSystemId"
      LEFT JOIN "User" u ON u.id = p."reviewedById"
     WHERE ${state === "all" ? Prisma.sql`TRUE` : Prisma.sql`i.state = ${state}`}
     -- The most reported first, then the most recently.
     ORDER BY i.flags + i.skips DESC, i."lastReportAt" DESC NULLS LAST, i."pairId"
     LIMIT ${ITEMS_PER_PAGE}::int OFFSET ${(shown - 1) * ITEMS_PER_PAGE}::int`;
  const ids = rows.map((row) => row.pairId);
  const [reasons, reports] = ids.length
    ? await Promise.all([
        db().$queryRaw<{ pairId: string; kind: "flag" | "skip"; reason: string | null; count: number }[]>`
          SELECT r."pairId", r.kind, r.reason, count(*)::int AS count
            FROM (${itemReports(studyId, ids)}) r
           GROUP BY r."pairId", r.kind, r.reason
           ORDER BY count DESC, r.reason`,
        db().$queryRaw<(Omit<ItemReport, "identity"> & RaterIdentity & { pairId: string })[]>`
          SELECT j."pairId", j.kind, j.reason, j.note, ${raterPseudonym(studyId)} AS rater, ${IDENTITY_COLUMNS_SQL}, j.at, j."targetSide"
            FROM (SELECT r.*, row_number() OVER (PARTITION BY r."pairId" ORDER BY r.at DESC, r.id DESC) AS n
                    FROM (${itemReports(studyId, ids)}) r) j
            JOIN "User" u ON u.id = j."raterId"
           WHERE j.n <= ${REPORTS_SHOWN}::int
           ORDER BY j.at DESC, j.id DESC`,
      ])
    : [[], []];
  const items = rows.map(({ promptId, promptExternalId, promptText, history, targetSystem, targetText, baselineSystem, baselineText, ...item }) => ({
    ...item,
    prompt: { id: promptId, externalId: promptExternalId, text: promptText, history: history ?? [] },
    answers: [
      { system: targetSystem, target: true, text: targetText },
      ...(baselineSystem !== null && baselineText !== null ? [{ system: baselineSystem, target: false, text: baselineText }] : []),
    ],
    flagReasons: reasons.filter((r) => r.pairId === item.pairId && r.kind === "flag").map(({ reason, count }) => ({ reason: reason ?? "", count })),
    skipReasons: reasons.filter((r) => r.pairId === item.pairId && r.kind === "skip").map(({ reason, count }) => ({ reason, count })),
    reports: reports
      .filter((r) => r.pairId === item.pairId)
      .map(({ kind, reason, note, rater, email, name, platform, platformId, at, targetSide }) => ({
        kind, reason, note, rater, identity: { email, name, platform, platformId }, at, targetSide,
      })),
  }));
  return { items, counts, page: shown, pageCount };
}
