# Reference values for lib/stats/ranking.test.ts: the Bradley–Terry fit of PROMPTS with intervals
# clustered by prompt, from statsmodels rather than our code. Produced on Debian 12 with
#   apt-get install -y -qq python3-statsmodels   # statsmodels 0.13.5, numpy 1.24.2, scipy 1.10.1
#   /usr/bin/python3 lib/stats/reference/ranking.py
# and pasted into the test. The model is a binomial GLM (logit link, no intercept) with one row
# per judgment: y = 1 if a won, ½ for a tie, 0 if b won, x = e_a − e_b without the reference
# system's column. cov_type="cluster" by prompt with use_t gives the sandwich and t(G − 1)
# quantiles; its own small-sample factor, G/(G − 1)·(N − 1)/(N − K), is turned off and CR1's
# G/(G − 1) applied instead, as Stata does for maximum-likelihood fits. The reference-coded
# estimates and covariance are then moved to ln strengths that sum to 0.
import json

import numpy as np
import statsmodels.api as sm
from scipy import stats

# Must equal PROMPTS in ranking.test.ts: per prompt, [a, b, a wins, b wins, ties].
PROMPTS = [
    [["A", "B", 2, 0, 1], ["A", "C", 1, 1, 0], ["B", "C", 0, 1, 1]],
    [["A", "B", 1, 1, 0], ["C", "D", 2, 1, 0]],
    [["A", "B", 0, 2, 0], ["A", "C", 2, 0, 0], ["B", "C", 1, 0, 0], ["C", "D", 0, 1, 1]],
    [["A", "C", 1, 0, 2], ["B", "C", 0, 2, 0]],
    [["A", "B", 3, 0, 0], ["C", "D", 1, 1, 1]],
    [["A", "B", 0, 1, 1], ["A", "C", 0, 1, 0], ["B", "C", 1, 1, 0], ["C", "D", 2, 0, 0]],
    [["A", "C", 2, 1, 0], ["C", "D", 0, 2, 0]],
    [["A", "B", 1, 0, 0], ["B", "C", 2, 0, 1]],
    [["A", "B", 1, 2, 0], ["A", "C", 1, 0, 0], ["C", "D", 1, 0, 2]],
    [["B", "C", 0, 0, 2], ["C", "D", 3, 0, 0]],
    [["A", "B", 2, 1, 0], ["A", "C", 0, 0, 1], ["B", "C", 1, 2, 0]],
    [["A", "C", 1, 2, 0], ["C", "D", 1, 2, 0]],
]
LEVEL = 0.95

systems = sorted({s for prompt in PROMPTS for c in prompt for s in c[:2]})
m = len(systems)
rows, y, groups = [], [], []
for g, prompt in enumerate(PROMPTS):
    for a, b, a_wins, b_wins, ties in prompt:
        x = np.zeros(m)
        x[systems.index(a)] = 1
        x[systems.index(b)] = -1
        for outcome, count in ((1.0, a_wins), (0.0, b_wins), (0.5, ties)):
            for _ in range(count):
                rows.append(x[1:])  # the first system is the reference, at 0
                y.append(outcome)
                groups.append(g)
clusters = len(set(groups))
fit = sm.GLM(np.array(y), np.array(rows), family=sm.families.Binomial()).fit(
    cov_type="cluster",
    cov_kwds={"groups": np.array(groups), "use_correction": False, "scaling_factor": clusters / (clusters - 1)},
    use_t=True,
    tol=1e-14,
)
assert fit.df_resid_inference == clusters - 1
# ln strengths that sum to 0 from reference coding: θ = C·β with C = (I − J/m) restricted to the
# non-reference columns.
centre = (np.eye(m) - np.ones((m, m)) / m)[:, 1:]
estimate = centre @ fit.params
se = np.sqrt(np.diag(centre @ fit.cov_params() @ centre.T))
half = stats.t.ppf(1 - (1 - LEVEL) / 2, clusters - 1) * se
print(json.dumps({s: {"estimate": round(e, 10), "lower": round(e - h, 10), "upper": round(e + h, 10)} for s, e, h in zip(systems, estimate, half)}, indent=2))
