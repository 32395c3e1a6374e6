import type { ExportColumns } from "../kind";

/** One row per judgment: the answer's system and its score. */
export const EXPORT_COLUMNS: ExportColumns = {
  item: "item_id",
  systems: [{ name: "system", sql: "ts.name" }],
  answer: [{ name: "score", sql: "j.score", json: "number" }],
  gold: false,
  perTurn: false,
};
