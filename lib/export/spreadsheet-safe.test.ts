import { describe, expect, it } from "vitest";
import { spreadsheetSafe } from "./spreadsheet-safe";

describe("spreadsheetSafe", () => {
  it("neutralises cells a spreadsheet would run as a formula", () => {
    for (const cell of ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x")']) {
      expect(spreadsheetSafe(cell)).toBe(`'${cell}`);
    }
  });

  it("leaves ordinary text alone", () => {
    for (const cell of ["win", "A better answer", "", "1-2", "a=b"]) expect(spreadsheetSafe(cell)).toBe(cell);
  });
});
