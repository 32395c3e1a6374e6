import type { Ranking } from "@/lib/stats/ranking";

const strength = (log: number) => Math.exp(log).toFixed(2);

export function RankingTable({ ranking }: { ranking: Ranking | null }) {
  if (!ranking) {
    return <p className="text-sm text-slate-700">Not enough judgments to rank the systems yet (every system needs a win and a loss, over at least two prompts).</p>;
  }
  const level = `${Math.round(ranking.level * 100)}%`;
  const shared = (rank: number) => ranking.systems.filter((s) => s.rank === rank).length > 1;
  const tied = ranking.systems.some((s) => shared(s.rank));
  return (
    <table className="w-full max-w-2xl border-collapse text-sm">
      <caption className="mb-2 text-left text-slate-700">
        Bradley–Terry strengths (a tie counts half a win to each; geometric mean 1), {level} intervals from the variance clustered by prompt over{" "}
        {ranking.prompts} prompts{tied && "; “=” marks a rank shared by equal strengths"}
      </caption>
      <thead>
        <tr className="border-b border-slate-300 text-left">
          <th scope="col" className="py-2 pr-3">Rank</th>
          <th scope="col" className="py-2 pr-3">System</th>
          <th scope="col" className="py-2 pr-3">Strength</th>
          <th scope="col" className="py-2 pr-3">{level} interval</th>
        </tr>
      </thead>
      <tbody>
        {ranking.systems.map(({ system, rank, logStrength }) => (
          <tr key={system} className="border-b border-slate-200" data-system={system}>
            <td className="py-2 pr-3">{shared(rank) ? `${rank}=` : rank}</td>
            <th scope="row" className="py-2 pr-3 text-left font-medium">{system}</th>
            <td className="py-2 pr-3">{strength(logStrength.estimate)}</td>
            <td className="py-2 pr-3">
              {strength(logStrength.lower)}–{strength(logStrength.upper)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
