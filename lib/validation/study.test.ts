import { describe, expect, it } from "vitest";
import { studySettingsSchema } from "./study";

const settings = { raterTitle: "", instructions: "", judgmentsPerPair: "2", leaseMinutes: "15", rationaleMode: "off", goldPercent: "0" };

describe("a study's quota per rater", () => {
  it("is none when the field is empty or absent, and a whole number of pairs otherwise", () => {
    expect(studySettingsSchema.parse({ ...settings, quotaPerRater: "" }).quotaPerRater).toBeNull();
    expect(studySettingsSchema.parse(settings).quotaPerRater).toBeNull();
    expect(studySettingsSchema.parse({ ...settings, quotaPerRater: "40" }).quotaPerRater).toBe(40);
  });

  it("names the problem with a quota below one pair or not whole", () => {
    const problem = (quotaPerRater: string) => studySettingsSchema.safeParse({ ...settings, quotaPerRater }).error?.issues.map((issue) => issue.message);
    expect(problem("0")).toEqual(["must be at least 1, or empty for no quota"]);
    expect(problem("2.5")).toEqual(["must be a whole number"]);
    expect(problem("lots")).toEqual(["must be a number of pairs"]);
  });
});
