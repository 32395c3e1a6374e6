// Which judgments a study's results count: a time range, chosen raters, gold pairs in or out, and
// never a rater the researchers have excluded nor an item they removed. One filter for the page,
// its live refresh and the summary downloads, so they always show the same numbers.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { raterPseudonym } from "@/lib/results/rater-pseudonym";

export interface ResultsFilter {
  /** Judgments made at or after this time. */
  from: Date | null;
  /** Judgments made before this time. */
  to: Date | null;
  /** Only these raters, by pseudonym; none means every rater. */
  raters: string[];
  /** Count the judgments on gold pairs too (left out by default: they check raters). */
  gold: boolean;
}

export const EVERY_JUDGMENT: ResultsFilter = { from: null, to: null, raters: [], gold: false };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A time in the filter: a date alone (the date fields' value; UTC, and for "to" the whole day
 * counts), or an ISO 8601 time with its zone (what the filter's own links carry).
 */
const instant = (end: boolean) =>
  z
    .string()
    .trim()
    .transform((value, context) => {
      if (!value) return null;
      const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
      const date = dateOnly ? new Date(`${value}T00:00:00Z`) : /^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : null;
      if (!date || Number.isNaN(date.getTime())) {
        context.addIssue({ code: "custom", message: `"${value}" is neither a date (YYYY-MM-DD) nor an ISO 8601 time with its zone` });
        return z.NEVER;
      }
      return dateOnly && end ? new Date(date.getTime() + DAY_MS) : date;
    });

const filterSchema = z.object({
  from: instant(false).optional().default(null),
  to: instant(true).optional().default(null),
  raters: z.array(z.string().regex(/^rater-[0-9a-f]{10}$/, "is not a rater pseudonym")).max(500).default([]),
  gold: z.enum(["with", "without"]).optional().default("without"),
}).refine((filter) => !filter.from || !filter.to || filter.from < filter.to, { path: ["to"], message: "is before From: the range would hold no judgment" });

export type FilterParse = { ok: true; filter: ResultsFilter } | { ok: false; problems: string[] };

/** Reads a filter from a query string; a bad value is named, and nothing is filtered by it. */
export function parseResultsFilter(params: URLSearchParams): FilterParse {
  const parsed = filterSchema.safeParse({
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
    raters: params.getAll("rater").filter(Boolean),
    gold: params.get("gold") || undefined,
  });
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) };
  const { from, to, raters, gold } = parsed.data;
  return { ok: true, filter: { from, to, raters, gold: gold === "with" } };
}

/** For downloads and APIs: the filter, or a 400 that names each bad parameter. */
export function requireResultsFilter(params: URLSearchParams): ResultsFilter {
  const parsed = parseResultsFilter(params);
  if (!parsed.ok) throw new AppError("invalid", `The results filter is not valid: ${parsed.problems.join("; ")}.`);
  return parsed.filter;
}

/** The filter as query parameters, for links and downloads that must count the same judgments. */
export function filterParams(filter: ResultsFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.from) params.set("from", filter.from.toISOString());
  if (filter.to) params.set("to", filter.to.toISOString());
  for (const rater of filter.raters) params.append("rater", rater);
  if (filter.gold) params.set("gold", "with");
  return params;
}

/**
 * The pairs counted, over a pair aliased `p`: never one a researcher took out of the study (its
 * judgments stay in the data, out of every figure), and gold pairs only when asked for.
 */
export function countedPairs(filter: ResultsFilter): Prisma.Sql {
  return filter.gold ? Prisma.sql`p."removedAt" IS NULL` : Prisma.sql`p."removedAt" IS NULL AND p."goldVerdict" IS NULL`;
}

/**
 * The judgments counted, over a judgment aliased `j` of the study: in the time range, by the
 * chosen raters, and (unless `withExcluded`, for the raters table that lists everyone) not by an
 * excluded rater. Judgment times are stored in UTC.
 */
export function countedJudgments(studyId: string, filter: ResultsFilter, { withExcluded = false } = {}): Prisma.Sql {
  const conditions = [Prisma.sql`TRUE`];
  if (filter.from) conditions.push(Prisma.sql`j."createdAt" >= (${filter.from.toISOString()}::timestamptz AT TIME ZONE 'UTC')`);
  if (filter.to) conditions.push(Prisma.sql`j."createdAt" < (${filter.to.toISOString()}::timestamptz AT TIME ZONE 'UTC')`);
  if (filter.raters.length) conditions.push(Prisma.sql`${raterPseudonym(studyId)} = ANY(${filter.raters}::text[])`);
  if (!withExcluded) {
    conditions.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM "RaterExclusion" x WHERE x."studyId" = ${studyId} AND x."raterId" = j."raterId")`);
  }
  return Prisma.join(conditions, " AND ");
}

/** What the filter leaves out, in words, for a page that must say it is filtered; null for every judgment. */
export function describeFilter(filter: ResultsFilter): string | null {
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const parts = [
    filter.from && `from ${day(filter.from)}`,
    // The day before the stored end, which is the start of the day after the last one counted.
    filter.to && `to ${day(new Date(filter.to.getTime() - 1))}`,
    filter.raters.length > 0 && `${filter.raters.length} ${filter.raters.length === 1 ? "rater" : "raters"} only`,
    filter.gold && "gold pairs counted",
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : null;
}
