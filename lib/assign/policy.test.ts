import { describe, expect, it } from "vitest";
import { pickTargetSide, verdictFor } from "./policy";

describe("verdictFor", () => {
  it("reads the rater's click in the target's terms", () => {
    expect(verdictFor("left", "left")).toBe("win");
    expect(verdictFor("right", "right")).toBe("win");
    expect(verdictFor("left", "right")).toBe("loss");
    expect(verdictFor("right", "left")).toBe("loss");
    expect(verdictFor("neither", "left")).toBe("tie");
    expect(verdictFor("neither", "right")).toBe("tie");
  });
});

describe("pickTargetSide", () => {
  it("puts the target on either side", () => {
    expect(pickTargetSide(() => 0.1)).toBe("left");
    expect(pickTargetSide(() => 0.9)).toBe("right");
  });
});
