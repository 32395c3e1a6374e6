import { platformName, type RaterIdentity } from "@/lib/results/rater-identity";

/**
 * Who a rater is, beside their pseudonym, for the study's researchers: an account's email (and
 * name), or a crowd participant's platform and id there. Never a participant's made-up address:
 * the identity holds none.
 */
export function RaterWho({ identity }: { identity: RaterIdentity | null }) {
  if (!identity) return <span className="text-slate-500">unknown</span>;
  if (identity.platform) {
    return (
      <span data-platform={identity.platform}>
        {platformName(identity.platform)} <span className="font-mono break-all">{identity.platformId ?? "(no id)"}</span>
      </span>
    );
  }
  return (
    <span>
      <span className="break-all">{identity.email}</span>
      {identity.name && <span className="text-slate-600"> ({identity.name})</span>}
    </span>
  );
}
