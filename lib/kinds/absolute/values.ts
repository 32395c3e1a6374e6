import { Prisma } from "@/lib/generated/prisma/client";
import type { JudgmentValues, TurnValue } from "../values";

/** An absolute judgment's value is the answer's label. */
export const VALUES_SQL = Prisma.sql`SELECT j.label::text AS value, 1 AS turn WHERE j.label IS NOT NULL`;
export const valuesOf = (judgment: JudgmentValues): TurnValue[] => (judgment.label ? [{ value: judgment.label, turn: 1 }] : []);
