import type { ExportColumns } from "../kind";

/** One row per judgment: both systems and the side each was shown on, the side chosen and its verdict. */
export const EXPORT_COLUMNS: ExportColumns = {
  item: "pair_id",
  systems: [
    { name: "target_system", sql: "ts.name" },
    { name: "baseline_system", sql: "bs.name" },
    { name: "system_left", sql: `CASE j."targetSide" WHEN 'left' THEN ts.name ELSE bs.name END` },
    { name: "system_right", sql: `CASE j."targetSide" WHEN 'left' THEN bs.name ELSE ts.name END` },
  ],
  answer: [
    { name: "side_chosen", sql: "j.choice" },
    { name: "verdict", sql: "j.verdict" },
  ],
  gold: true,
  perTurn: false,
};
