import type { ExportColumns } from "../kind";

/** One row per labelled turn: the conversation's system, the turn (from 1) and its label. */
export const EXPORT_COLUMNS: ExportColumns = {
  item: "item_id",
  systems: [{ name: "system", sql: "ts.name" }],
  answer: [
    { name: "turn", sql: "turn.position", json: "number" },
    { name: "label", sql: "turn.label" },
  ],
  gold: false,
  perTurn: true,
};
