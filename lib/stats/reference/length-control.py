#!/usr/bin/python3
# Reference values for lib/stats/length-control.test.ts, from statsmodels (Debian's
# python3-statsmodels 0.13.5): run `/usr/bin/python3 lib/stats/reference/length-control.py`.
#
# One row per pair: characters of the target's and the baseline's response, and the raters'
# wins, ties and losses in the target's terms. Ties are in the data on purpose: the model is
# fitted on decided judgments only, so they must change nothing. The rows came from a seeded
# simulation (win odds rising with the length ratio, about one judgment in five a tie), plus one
# pair of equal lengths; they are kept here as plain numbers so the test holds the same ones.
import numpy as np
import statsmodels.api as sm

PAIRS = [
    (1693, 1140, 3, 1, 0), (1450, 2137, 1, 0, 2), (2718, 1690, 2, 0, 1), (1227, 1843, 2, 0, 2),
    (662, 683, 0, 1, 0), (116, 346, 0, 0, 1), (1797, 2133, 4, 0, 1), (2920, 2347, 1, 0, 0),
    (886, 914, 1, 0, 1), (596, 709, 0, 0, 5), (847, 595, 1, 2, 2), (2919, 2245, 0, 1, 1),
    (616, 236, 2, 1, 0), (1531, 560, 1, 0, 0), (2013, 2116, 1, 2, 2), (1623, 2175, 1, 0, 2),
    (1574, 653, 1, 0, 1), (1667, 1084, 2, 0, 2), (3511, 1349, 2, 0, 2), (1397, 1582, 1, 0, 1),
    (2889, 1857, 2, 1, 2), (474, 650, 2, 1, 2), (3919, 1063, 0, 0, 1), (782, 1364, 1, 0, 3),
    (2794, 2075, 2, 2, 1), (857, 2061, 0, 1, 2), (2527, 1866, 4, 0, 1), (1473, 1480, 1, 0, 1),
    (745, 484, 1, 0, 0), (3373, 1138, 2, 0, 1), (4800, 2342, 3, 0, 1), (2477, 2326, 1, 1, 1),
    (1634, 1085, 0, 2, 1), (466, 367, 1, 1, 1), (1703, 1551, 1, 1, 1), (1888, 1552, 0, 0, 1),
    (1940, 1685, 1, 1, 1), (407, 336, 2, 2, 0), (1263, 356, 2, 1, 1), (3946, 2150, 2, 0, 1),
    (900, 900, 1, 0, 2),
]

target, baseline, wins, ties, losses = (np.array(column, dtype=float) for column in zip(*PAIRS))
x = np.log(target / baseline)
decided = wins + losses
kept = decided > 0
X = sm.add_constant(x[kept])

# Grouped binomial GLM: the response is (successes, failures) per row, the logit link by default.
grouped = sm.GLM(np.column_stack([wins[kept], losses[kept]]), X, family=sm.families.Binomial()).fit()
# The same model on one row per decided judgment, as a check on the grouped form.
rows = np.repeat(np.arange(kept.sum()), decided[kept].astype(int))
outcome = np.concatenate([[1] * int(w) + [0] * int(l) for w, l in zip(wins[kept], losses[kept])])
expanded = sm.Logit(outcome, X[rows]).fit(disp=0)
assert np.allclose(grouped.params, expanded.params, rtol=1e-8) and np.allclose(grouped.bse, expanded.bse, rtol=1e-6)

a, b = grouped.params
se_a, se_b = grouped.bse
low, high = grouped.conf_int(alpha=0.05)[0]
sigma = lambda z: 1 / (1 + np.exp(-z))
longer_won = np.where(x > 0, wins, losses)[x != 0].sum()
decided_unequal = decided[x != 0].sum()

print(f"pairs             {int(kept.sum())}")
print(f"judgments         {int(decided.sum())}")
print(f"intercept         {a:.12f}")
print(f"se(intercept)     {se_a:.12f}")
print(f"slope             {b:.12f}")
print(f"se(slope)         {se_b:.12f}")
print(f"sigma(intercept)  {sigma(a):.12f}")
print(f"interval          {sigma(low):.12f} {sigma(high):.12f}")
print(f"longer won        {int(longer_won)} of {int(decided_unequal)} ({longer_won / decided_unequal:.12f})")
