/**
 * The downloads that carry who each rater is beside their pseudonym (an account's email and
 * name, a crowd participant's platform and id), offered apart from the others, which name raters
 * by pseudonym alone. `judgments` and `raters` are the downloads' addresses without and with the
 * results filter, `what` the judgments' word in this study (labels, scores).
 */
export function IdentityDownloads({ judgments, raters, what = "judgments" }: { judgments: string; raters: string; what?: string }) {
  const join = (path: string, query: string) => `${path}${path.includes("?") ? "&" : "?"}${query}`;
  const What = what.charAt(0).toUpperCase() + what.slice(1);
  return (
    <li className="mt-1 border-t border-slate-200 pt-1">
      <p className="text-xs text-slate-600">With who each rater is (email, or platform and id), for your own records; the others name raters by pseudonym only:</p>
      <ul className="mt-1 space-y-1">
        <li>
          <a href={join(judgments, "identities=1")} download className="text-blue-700 underline">
            {What} with identities (CSV)
          </a>
        </li>
        <li>
          <a href={join(judgments, "format=jsonl&identities=1")} download className="text-blue-700 underline">
            {What} with identities (JSON lines)
          </a>
        </li>
        <li>
          <a href={raters} download className="text-blue-700 underline">
            Raters with identities (CSV)
          </a>
        </li>
      </ul>
    </li>
  );
}
