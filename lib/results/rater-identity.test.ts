import { describe, expect, it } from "vitest";
import { identify, identityCells, identityLabel, raterSearchOf, wantsIdentities, type RaterIdentity } from "@/lib/results/rater-identity";

const ada: RaterIdentity = { email: "ada@lab.org", name: "Ada Lovelace", platform: null, platformId: null };
const participant: RaterIdentity = { email: null, name: null, platform: "prolific", platformId: "5f3a9c" };

describe("rater identities", () => {
  it("say who a rater is in one line: an account's name and email, a participant's platform and id", () => {
    expect(identityLabel(ada)).toBe("Ada Lovelace (ada@lab.org)");
    expect(identityLabel({ ...ada, name: null })).toBe("ada@lab.org");
    expect(identityLabel(participant)).toBe("Prolific 5f3a9c");
    expect(identityLabel({ ...participant, platform: "mturk" })).toBe("MTurk 5f3a9c");
    expect(identityLabel(null)).toBe("unknown");
    expect(identityCells(participant)).toEqual(["", "", "prolific", "5f3a9c"]);
    expect(identityCells(undefined)).toEqual(["", "", "", ""]);
  });

  it("narrow rows to the raters found, and leave every row as it was otherwise", () => {
    const rows = [{ rater: "rater-a", judgments: 3 }, { rater: "rater-b", judgments: 1 }, { rater: "rater-c", judgments: 2 }];
    const identities = new Map([["rater-a", ada], ["rater-b", participant]]);
    expect(identify(rows, identities, null)).toEqual([
      { rater: "rater-a", judgments: 3, identity: ada },
      { rater: "rater-b", judgments: 1, identity: participant },
      { rater: "rater-c", judgments: 2, identity: null },
    ]);
    expect(identify(rows, identities, new Set(["rater-b"]))).toEqual([{ rater: "rater-b", judgments: 1, identity: participant }]);
    expect(identify(rows, identities, new Set())).toEqual([]);
  });

  it("read the search from the address, trimmed and capped", () => {
    expect(raterSearchOf(new URLSearchParams("who=%20Ada%20"))).toBe("Ada");
    expect(raterSearchOf(new URLSearchParams("who=%20"))).toBeNull();
    expect(raterSearchOf(new URLSearchParams(""))).toBeNull();
    expect(raterSearchOf(new URLSearchParams({ who: "x".repeat(500) }))?.length).toBe(200);
  });

  it("put identities in a download only when asked, and refuse a value that is neither yes nor no", () => {
    expect(wantsIdentities(new URLSearchParams(""))).toBe(false);
    for (const no of ["0", "false", "no", "off", ""]) expect(wantsIdentities(new URLSearchParams({ identities: no }))).toBe(false);
    for (const yes of ["1", "true", "yes", "on"]) expect(wantsIdentities(new URLSearchParams({ identities: yes }))).toBe(true);
    expect(() => wantsIdentities(new URLSearchParams({ identities: "maybe" }))).toThrow('identities: "maybe" is neither 1 nor 0.');
  });
});
