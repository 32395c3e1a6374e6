// Who a study's raters are, for its researchers and admins only: an account's email and name, or
// a crowd participant's platform and their id there. A participant's email is made up (an address
// under .invalid that no mail reaches), so it is never shown, searched or downloaded. Everything
// else (the figures, the bundle, the downloads unless asked) names raters by pseudonym alone.
// Pure, so that pages, components and the COPY export share it; the queries are in
// ./rater-identities.
import { AppError } from "@/lib/errors";

export interface RaterIdentity {
  /** An account's email; null for a crowd participant, whose address is made up. */
  email: string | null;
  name: string | null;
  /** A crowd participant's platform ("prolific", "mturk", or "crowd" when none was recorded); null for an account. */
  platform: string | null;
  /** A crowd participant's id on their platform (Prolific's PROLIFIC_PID, MTurk's workerId). */
  platformId: string | null;
}

/**
 * Each part of an identity in SQL over a user aliased `u`, as plain text (COPY takes no
 * parameters). A participant is known by the study they came through or their platform id; their
 * email is never selected.
 */
const PARTICIPANT_SQL = `(u."participantOfStudyId" IS NOT NULL OR u."participantId" IS NOT NULL OR u.email LIKE '%@participants.invalid')`;
export const IDENTITY_SQL = {
  email: `CASE WHEN NOT ${PARTICIPANT_SQL} THEN u.email END`,
  name: `u.name`,
  platform: `CASE WHEN ${PARTICIPANT_SQL} THEN coalesce(u."participantPlatform"::text, 'crowd') END`,
  platformId: `CASE WHEN ${PARTICIPANT_SQL} THEN u."participantId" END`,
} as const satisfies Record<keyof RaterIdentity, string>;

/** The columns a download adds beside `rater` when the researcher asks for identities. */
export const IDENTITY_COLUMNS = ["rater_email", "rater_name", "platform", "platform_id"] as const;

export const identityCells = (identity: RaterIdentity | null | undefined): string[] =>
  identity ? [identity.email ?? "", identity.name ?? "", identity.platform ?? "", identity.platformId ?? ""] : ["", "", "", ""];

const PLATFORM_NAMES: Record<string, string> = { prolific: "Prolific", mturk: "MTurk", crowd: "Crowd platform" };

export const platformName = (platform: string) => PLATFORM_NAMES[platform] ?? platform;

/** The identity in one line: "Ada Lovelace (ada@lab.org)", "ada@lab.org", or "Prolific 5f3a9c…". */
export function identityLabel(identity: RaterIdentity | null | undefined): string {
  if (!identity) return "unknown";
  if (identity.platform) return `${platformName(identity.platform)} ${identity.platformId ?? "(no id)"}`;
  if (identity.email) return identity.name ? `${identity.name} (${identity.email})` : identity.email;
  return identity.name ?? "unknown";
}

/** The raters table's search: what the researcher typed (trimmed, at most 200 characters), or null for every rater. */
export const RATER_SEARCH_PARAM = "who";
export function raterSearchOf(params: URLSearchParams): string | null {
  const text = (params.get(RATER_SEARCH_PARAM) ?? "").trim().slice(0, 200);
  return text || null;
}

export type Identified<T> = T & { identity: RaterIdentity | null };

/**
 * The raters table's rows, each with who the rater is (`identities`: every rater of the study,
 * by pseudonym), and only the raters the search `found` when there was one. A row's numbers are
 * never changed by it.
 */
export function identify<T extends { rater: string }>(rows: readonly T[], identities: ReadonlyMap<string, RaterIdentity>, found: ReadonlySet<string> | null): Identified<T>[] {
  return rows.filter((row) => !found || found.has(row.rater)).map((row) => ({ ...row, identity: identities.get(row.rater) ?? null }));
}

/**
 * Whether a download should carry who each rater is (`?identities=1`); by default it names them
 * by pseudonym alone. A value that is neither yes nor no is refused, rather than guessed.
 */
export function wantsIdentities(params: URLSearchParams): boolean {
  const value = params.get("identities");
  if (value === null || ["", "0", "false", "no", "off"].includes(value)) return false;
  if (["1", "true", "yes", "on"].includes(value)) return true;
  throw new AppError("invalid", `identities: "${value.slice(0, 40)}" is neither 1 nor 0.`);
}
