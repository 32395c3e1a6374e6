import { describe, expect, it } from "vitest";
import { KIND_NAMES, ratingOptions } from "@/lib/kinds";
import { keysOf, RATER_KEYS, raterActionOf } from "@/lib/kinds/rater-keys";

const own = Object.values(RATER_KEYS).flatMap((key) => [...key.keys]);

describe("the rater's own keys", () => {
  it("are one each, and none is an option's key of any kind, on any scale a study may state", () => {
    expect(new Set(own).size).toBe(own.length);
    const scales = [undefined, { min: 1, max: 6 }, { min: 0, max: 10 }, { min: 0, max: 20 }, { min: 1, max: 21 }];
    for (const kind of KIND_NAMES) {
      for (const scale of scales) {
        // "Both are bad" among them, where a study offers it.
        const { options } = ratingOptions(kind, { scale, offers: { bothBad: true } });
        const keyed = options.filter((option) => option.key !== "");
        expect(new Set(keyed.map((option) => option.key.toUpperCase())).size, kind).toBe(keyed.length);
        for (const option of options) {
          expect(own, `${kind} option "${option.label}"`).not.toContain(option.key.toUpperCase());
          expect(raterActionOf(option.key), `${kind} option "${option.label}"`).toBeUndefined();
        }
      }
    }
  });

  it("are read in either case, the question mark and H both for help", () => {
    expect(raterActionOf("s")).toBe("skip");
    expect(raterActionOf("S")).toBe("skip");
    expect(raterActionOf("r")).toBe("flag");
    expect(raterActionOf("u")).toBe("undo");
    expect(raterActionOf("?")).toBe("help");
    expect(raterActionOf("h")).toBe("help");
    expect(raterActionOf("Escape")).toBeUndefined();
    expect(raterActionOf("a")).toBeUndefined();
  });

  it("list a kind's option keys for its help, on the study's own scale, without keyless options", () => {
    expect(keysOf("pairwise").options.map((option) => option.key)).toEqual(["A", "B", "N"]);
    expect(keysOf("pairwise", undefined, { bothBad: true }).options.map((option) => option.key)).toEqual(["A", "B", "N", "X"]);
    expect(keysOf("absolute", undefined, { bothBad: true }).options.map((option) => option.key)).toEqual(["F", "P", "E"]);
    expect(keysOf("absolute").options.map((option) => option.key)).toEqual(["F", "P", "E"]);
    expect(keysOf("likert", { min: 1, max: 6 }).options.map((option) => option.key)).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(keysOf("likert", { min: 5, max: 12 }).options.map((option) => option.key)).toEqual(["5", "6", "7", "8", "9"]);
    expect(keysOf("multiturn").options).toEqual([]);
  });
});
