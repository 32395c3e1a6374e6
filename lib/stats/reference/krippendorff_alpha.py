#!/usr/bin/python3
# Reference values for lib/stats/agreement.test.ts: Krippendorff's alpha of his own worked example
# with missing values, for nominal, ordinal and interval data, written from the formulas of
# Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011) rather than from our code.
# Plain Python, no packages: run `/usr/bin/python3 lib/stats/reference/krippendorff_alpha.py`.
# It prints α, D_o and D_e per metric; the paper gives α = 0.743, 0.815 and 0.849.
from fractions import Fraction

# Observers A–D by unit, None where the paper has ".". Must equal A–D in agreement.test.ts.
OBSERVERS = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]
units = [[v for v in column if v is not None] for column in zip(*OBSERVERS)]
pairable = [unit for unit in units if len(unit) >= 2]
values = sorted({v for unit in pairable for v in unit})

# Coincidence matrix: every ordered pair of values from different observers of a unit adds
# 1/(m_u - 1). Fractions keep it exact, so the only rounding is in the printout.
o = {(c, k): Fraction(0) for c in values for k in values}
for unit in pairable:
    m = len(unit)
    for i, c in enumerate(unit):
        for j, k in enumerate(unit):
            if i != j:
                o[c, k] += Fraction(1, m - 1)
n_c = {c: sum(o[c, k] for k in values) for c in values}
n = sum(n_c.values())


def delta2(metric, c, k):
    if metric == "nominal":
        return 0 if c == k else 1
    if metric == "ordinal":
        lo, hi = min(c, k), max(c, k)
        return (sum(n_c[g] for g in values if lo <= g <= hi) - (n_c[c] + n_c[k]) / 2) ** 2
    return (c - k) ** 2


print(f"pairable units = {len(pairable)}, n = {n}")
for metric in ("nominal", "ordinal", "interval"):
    d_o = sum(o[c, k] * delta2(metric, c, k) for c in values for k in values) / n
    d_e = sum(n_c[c] * n_c[k] * delta2(metric, c, k) for c in values for k in values) / (n * (n - 1))
    alpha = 1 - d_o / d_e
    print(f"{metric}: alpha = {float(alpha):.10f}, D_o = {float(d_o):.10f}, D_e = {float(d_e):.10f}")
