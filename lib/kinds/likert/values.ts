import { Prisma } from "@/lib/generated/prisma/client";
import type { JudgmentValues, TurnValue } from "../values";

/** A Likert judgment's value is its score. */
export const VALUES_SQL = Prisma.sql`SELECT j.score::text AS value, 1 AS turn WHERE j.score IS NOT NULL`;
export const valuesOf = (judgment: JudgmentValues): TurnValue[] => (judgment.score === null || judgment.score === undefined ? [] : [{ value: String(judgment.score), turn: 1 }]);
