// Bradley–Terry strengths for ranking every system from pairwise verdicts, fitted by Hunter's
// (2004) MM algorithm: γ_i ← W_i / Σ_j n_ij / (γ_i + γ_j), which raises the likelihood at every
// step and needs no step size.
//
// Ties count as half a win to each side. Chosen over Davidson (1970) because the paper's tie
// option means "Neither is significantly better", i.e. no preference, which half-a-win encodes
// without an extra tie parameter; it keeps the plain MM update (fractional wins are fine); and it
// agrees with the "equal or better" reading of ties in the rest of the dashboard. In LIMA's design
// (the target against each baseline, never baselines against each other) it also reproduces the
// dashboard exactly: γ_baseline / γ_target = (losses + ties/2) / (wins + ties/2).

export interface Comparison {
  a: string;
  b: string;
  aWins: number;
  bWins: number;
  ties?: number;
}

export interface BradleyTerryOptions {
  /** Stop when every system's score equation holds to this fraction of its comparisons. */
  tolerance?: number;
  maxIterations?: number;
}

export type BradleyTerryResult =
  | {
      ok: true;
      /** Strengths normalised to geometric mean 1: P(i beats j) = s_i / (s_i + s_j). */
      strengths: Record<string, number>;
      /** ln strengths, summing to 0. */
      logStrengths: Record<string, number>;
      /** Systems from strongest to weakest, tied ones (see `ranks`) in name order. */
      ranking: string[];
      /**
       * Standard competition ranks (1, 2, 2, 4): systems whose strengths are equal but for
       * rounding share one, as two systems with identical counts against the same opponents do.
       */
      ranks: Record<string, number>;
      /** Comparisons (judgments) the fit rests on. */
      comparisons: number;
      iterations: number;
      converged: boolean;
    }
  | {
      ok: false;
      /**
       * "no-comparisons": nothing to fit. "not-identifiable": some group of systems never lost
       * (or never tied) to the rest, so its strength relative to them is unbounded and no maximum
       * likelihood estimate exists (Ford 1957's condition fails).
       */
      reason: "no-comparisons" | "not-identifiable";
    };

export function bradleyTerry(comparisons: readonly Comparison[], options: BradleyTerryOptions = {}): BradleyTerryResult {
  const { tolerance = 1e-10, maxIterations = 100_000 } = options;
  const names = [...new Set(comparisons.filter(hasJudgments).flatMap((c) => [c.a, c.b]))].sort();
  const index = new Map(names.map((name, i) => [name, i]));
  const m = names.length;
  // won[i][j]: (fractional) wins of i over j; games[i][j]: judgments between them.
  const won = names.map(() => new Array<number>(m).fill(0));
  const games = names.map(() => new Array<number>(m).fill(0));
  let total = 0;
  for (const c of comparisons) {
    if (!hasJudgments(c)) continue;
    if (c.a === c.b) throw new RangeError(`a system cannot be compared with itself (${c.a})`);
    const ties = c.ties ?? 0;
    for (const x of [c.aWins, c.bWins, ties]) if (!(x >= 0)) throw new RangeError("counts must be non-negative");
    const i = index.get(c.a)!;
    const j = index.get(c.b)!;
    won[i][j] += c.aWins + ties / 2;
    won[j][i] += c.bWins + ties / 2;
    const n = c.aWins + c.bWins + ties;
    games[i][j] += n;
    games[j][i] += n;
    total += n;
  }
  if (m < 2) return { ok: false, reason: "no-comparisons" };
  if (!stronglyConnected(won)) return { ok: false, reason: "not-identifiable" };

  const wins = won.map((row) => row.reduce((s, x) => s + x, 0));
  const played = games.map((row) => row.reduce((s, x) => s + x, 0));
  let gamma = new Array<number>(m).fill(1);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    // Converged when each system's expected wins match its actual wins (the score equations).
    const worst = Math.max(
      ...gamma.map((g, i) => Math.abs(wins[i] - games[i].reduce((s, n, j) => s + (n * g) / (g + gamma[j]), 0)) / played[i]),
    );
    if (worst < tolerance) {
      converged = true;
      break;
    }
    const next = gamma.map((g, i) => wins[i] / games[i].reduce((s, n, j) => (n === 0 ? s : s + n / (g + gamma[j])), 0));
    // Rescale every step (geometric mean 1): the likelihood is unchanged and numbers stay tame.
    const logMean = next.reduce((s, x) => s + Math.log(x), 0) / m;
    gamma = next.map((x) => x / Math.exp(logMean));
    iterations++;
  }
  const logs = gamma.map(Math.log);
  const logMean = logs.reduce((s, x) => s + x, 0) / m;
  const logStrengths = Object.fromEntries(names.map((name, i) => [name, logs[i] - logMean]));
  const strengths = Object.fromEntries(names.map((name, i) => [name, Math.exp(logs[i] - logMean)]));
  const { ranking, ranks } = rankStrengths(logStrengths);
  return { ok: true, strengths, logStrengths, ranking, ranks, comparisons: total, iterations, converged };
}

/**
 * Strengths closer than this (relative, i.e. in ln strength) are one strength. The fit stops at
 * 1e-10 of each system's comparisons, but tied systems follow the same MM steps from the same
 * start, so they differ only by the order of additions (about 1e-15); distinct strengths from
 * counts of judgments differ by far more than 1e-9.
 */
const TIED = 1e-9;

function rankStrengths(logStrengths: Record<string, number>): { ranking: string[]; ranks: Record<string, number> } {
  const byStrength = Object.keys(logStrengths).sort((x, y) => logStrengths[y] - logStrengths[x] || (x < y ? -1 : 1));
  const ranking: string[] = [];
  const ranks: Record<string, number> = {};
  for (let start = 0; start < byStrength.length; ) {
    // A tie is measured from its strongest member, so a run of near neighbours does not chain.
    let end = start + 1;
    while (end < byStrength.length && logStrengths[byStrength[start]] - logStrengths[byStrength[end]] <= TIED) end++;
    for (const system of byStrength.slice(start, end).sort()) {
      ranking.push(system);
      ranks[system] = start + 1;
    }
    start = end;
  }
  return { ranking, ranks };
}

function hasJudgments(c: Comparison): boolean {
  return c.aWins + c.bWins + (c.ties ?? 0) > 0;
}

/** Whether every system can reach every other along "has won (or tied) against" edges. */
function stronglyConnected(won: number[][]): boolean {
  const reach = (edge: (i: number, j: number) => boolean): boolean => {
    const seen = new Set([0]);
    const stack = [0];
    while (stack.length > 0) {
      const i = stack.pop()!;
      for (let j = 0; j < won.length; j++) {
        if (!seen.has(j) && edge(i, j)) {
          seen.add(j);
          stack.push(j);
        }
      }
    }
    return seen.size === won.length;
  };
  return reach((i, j) => won[i][j] > 0) && reach((i, j) => won[j][i] > 0);
}
