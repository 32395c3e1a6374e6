import { describe, expect, it } from "vitest";
import { meanWithInterval } from "./likert-mean";

describe("meanWithInterval", () => {
  it("reproduces R's t.test on Student's sleep data: mean −1.58, 95% CI −2.4598858 to −0.7001142", () => {
    // Paired differences (drug 1 − drug 2) of R's `sleep` data set; t.test(…, paired = TRUE).
    const drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    const r = meanWithInterval(drug1.map((x, i) => x - drug2[i]))!;
    expect(r.estimate).toBeCloseTo(-1.58, 12);
    expect(r.lower).toBeCloseTo(-2.4598858, 7);
    expect(r.upper).toBeCloseTo(-0.7001142, 7);
    expect(r).toMatchObject({ n: 10, df: 9 });
  });

  it("on Likert ratings: 2, 4, 4, 5, 6 → mean 4.2 ± 2.776445·1.48324/√5", () => {
    // s² = (4.84 + 0.04 + 0.04 + 0.64 + 3.24) / 4 = 2.2; t(0.975; 4) = 2.776445 (t table 2.776).
    const r = meanWithInterval([2, 4, 4, 5, 6])!;
    const half = (2.776445 * Math.sqrt(2.2)) / Math.sqrt(5);
    expect(r.estimate).toBeCloseTo(4.2, 12);
    expect(r.lower).toBeCloseTo(4.2 - half, 5);
    expect(r.upper).toBeCloseTo(4.2 + half, 5);
  });

  it("is null below two ratings", () => {
    expect(meanWithInterval([])).toBeNull();
    expect(meanWithInterval([5])).toBeNull();
  });
});
