// Win / tie / loss shares as the paper reports them (percent of judgments).
export interface Tally {
  wins: number;
  ties: number;
  losses: number;
}

export interface Rates {
  total: number;
  win: number;
  tie: number;
  loss: number;
  /** "Equal or better": win + tie, the figure the paper quotes. */
  equalOrBetter: number;
}

export function rates({ wins, ties, losses }: Tally): Rates {
  const total = wins + ties + losses;
  const share = (n: number) => (total === 0 ? 0 : (100 * n) / total);
  return { total, win: share(wins), tie: share(ties), loss: share(losses), equalOrBetter: share(wins + ties) };
}
