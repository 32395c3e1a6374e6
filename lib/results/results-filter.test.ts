import { describe, expect, it } from "vitest";
import { describeFilter, EVERY_JUDGMENT, filterParams, parseResultsFilter } from "@/lib/results/results-filter";

describe("parseResultsFilter", () => {
  it("reads dates as whole UTC days, the end day included, and round-trips through its own parameters", () => {
    const parsed = parseResultsFilter(new URLSearchParams("from=2026-03-01&to=2026-03-02&rater=rater-0123456789&gold=with"));
    expect(parsed).toEqual({
      ok: true,
      filter: { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-03-03T00:00:00Z"), raters: ["rater-0123456789"], gold: true },
    });
    if (parsed.ok) expect(parseResultsFilter(filterParams(parsed.filter))).toEqual(parsed);
  });

  it("counts everything but gold pairs when given nothing", () => {
    expect(parseResultsFilter(new URLSearchParams(""))).toEqual({ ok: true, filter: { from: null, to: null, raters: [], gold: false } });
  });

  it("names each bad parameter", () => {
    const parsed = parseResultsFilter(new URLSearchParams("from=yesterday&rater=alice"));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problems).toEqual([
        expect.stringMatching(/^from: "yesterday" is neither a date/),
        expect.stringMatching(/^raters\.0: is not a rater pseudonym/),
      ]);
    }
  });

  it("refuses a From after the To, and takes one day as a range", () => {
    expect(parseResultsFilter(new URLSearchParams("from=2026-03-05&to=2026-03-04"))).toEqual({ ok: false, problems: ["to: is before From: the range would hold no judgment"] });
    expect(parseResultsFilter(new URLSearchParams("from=2026-03-05&to=2026-03-05")).ok).toBe(true);
  });
});

describe("describeFilter", () => {
  it("says what a filtered page counts, and nothing for every judgment", () => {
    expect(describeFilter(EVERY_JUDGMENT)).toBeNull();
    const parsed = parseResultsFilter(new URLSearchParams("from=2026-03-01&to=2026-03-02&rater=rater-0123456789&gold=with"));
    expect(parsed.ok && describeFilter(parsed.filter)).toBe("from 2026-03-01, to 2026-03-02, 1 rater only, gold pairs counted");
  });
});
