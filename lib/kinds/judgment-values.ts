// Each kind's judgment values, for the server (SQL) and for a recomputation from judgment
// records; kept apart from ./index because SQL has no place in the browser.
import * as absolute from "./absolute/values";
import type { KindName } from "./kind";
import * as likert from "./likert/values";
import * as multiturn from "./multiturn/values";
import * as pairwise from "./pairwise/values";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { JudgmentValues, TurnValue } from "./values";

export { valueKeys, type JudgmentValues, type TurnValue } from "./values";

export interface KindValues {
  /** Over a judgment aliased `j`: its (value text, turn) rows. */
  VALUES_SQL: Prisma.Sql;
  valuesOf(judgment: JudgmentValues): TurnValue[];
}

export const KIND_VALUES: Record<KindName, KindValues> = { pairwise, absolute, likert, multiturn };
