import { Prisma } from "@/lib/generated/prisma/client";
import type { JudgmentValues, TurnValue } from "../values";

/** A conversation's judgment holds a label per assistant turn, in order. */
export const VALUES_SQL = Prisma.sql`SELECT t.label::text AS value, t.turn::int AS turn FROM unnest(j."turnLabels") WITH ORDINALITY AS t (label, turn)`;
export const valuesOf = (judgment: JudgmentValues): TurnValue[] => (judgment.turnLabels ?? []).map((value, index) => ({ value, turn: index + 1 }));
