# Reference values for lib/stats/clustered-shares.test.ts, from statsmodels (Debian's
# python3-statsmodels 0.13.5): run `/usr/bin/python3 lib/stats/reference/clustered-shares.py`.
# The variance of a share clustered by prompt is an intercept-only OLS with errors clustered by
# prompt (statsmodels' default correction G/(G-1)·(N-1)/(N-K), with K = 1); the design effect is
# that variance over p(1-p)/N; the interval is statsmodels' Wilson interval on N / deff.
import numpy as np
import statsmodels.api as sm
from statsmodels.stats.proportion import proportion_confint

# Each prompt's verdicts: (wins, ties, losses).
prompts = [(3, 0, 0), (2, 1, 0), (0, 0, 3), (1, 1, 1), (3, 0, 0), (0, 1, 2), (2, 0, 1), (0, 3, 0),
           (1, 0, 2), (3, 0, 0), (0, 0, 1), (2, 1, 0), (1, 2, 0), (0, 0, 3), (2, 0, 0)]

def share(pick):
    y, groups = [], []
    for g, (w, t, l) in enumerate(prompts):
        for verdict, count in (("win", w), ("tie", t), ("loss", l)):
            y += [1.0 if verdict in pick else 0.0] * count
            groups += [g] * count
    y = np.array(y)
    fit = sm.OLS(y, np.ones(len(y))).fit(cov_type="cluster", cov_kwds={"groups": np.array(groups)})
    p, n = y.mean(), len(y)
    deff = max(1.0, fit.bse[0] ** 2 / (p * (1 - p) / n))
    lower, upper = proportion_confint(p * n / deff, n / deff, alpha=0.05, method="wilson")
    print(f"{'+'.join(pick)}: p = {p:.10f}, deff = {deff:.10f}, lower = {lower:.10f}, upper = {upper:.10f}")

for pick in (("win",), ("tie",), ("loss",), ("win", "tie")):
    share(pick)
for count, n in ((1, 1), (5, 10), (81, 263)):
    lower, upper = proportion_confint(count, n, alpha=0.05, method="wilson")
    print(f"wilson {count}/{n}: lower = {lower:.10f}, upper = {upper:.10f}")

# The planner's effective sample: the smallest n whose Wilson half-width is at most 0.05.
for p in (0.5, 0.53, 0.2):
    n = 1
    while True:
        lower, upper = proportion_confint(p * n, n, alpha=0.05, method="wilson")
        if (upper - lower) / 2 <= 0.05:
            break
        n += 1
    print(f"planner p = {p}: n = {n}")
