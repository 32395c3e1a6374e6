import { Prisma } from "@/lib/generated/prisma/client";
import type { JudgmentValues, TurnValue } from "../values";

/** A pairwise judgment's value is its verdict in the target's terms. */
export const VALUES_SQL = Prisma.sql`SELECT j.verdict::text AS value, 1 AS turn WHERE j.verdict IS NOT NULL`;
export const valuesOf = (judgment: JudgmentValues): TurnValue[] => (judgment.verdict ? [{ value: judgment.verdict, turn: 1 }] : []);
