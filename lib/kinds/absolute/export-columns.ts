import type { ExportColumns } from "../kind";

/** One row per judgment: the answer's system and its label. */
export const EXPORT_COLUMNS: ExportColumns = {
  item: "item_id",
  systems: [{ name: "system", sql: "ts.name" }],
  answer: [{ name: "label", sql: "j.label" }],
  gold: false,
  perTurn: false,
};
