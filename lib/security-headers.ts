// The security headers, in one place: the pages' Content-Security-Policy (a nonce per request,
// minted by the proxy), the stricter one for everything else (no script runs from an API answer),
// and Strict-Transport-Security when the app is served over https (scripts/http-server.ts sends
// all but the pages' policy, which the proxy sends).

const COMMON = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

/**
 * What a page may do besides the common policy, for MTurk's HITs: post a form back to MTurk (the
 * rating page's end) and be shown in MTurk's frame (the crowd link's page).
 */
export interface PageAllowances {
  postTo?: readonly string[];
  framedBy?: readonly string[];
}

/** A page's policy: only scripts with this request's nonce, and what they load ('strict-dynamic'); development's hot reload needs eval. */
export function pageSecurityPolicy(nonce: string, development: boolean, allow: PageAllowances = {}): string {
  const directives = COMMON.map((directive) => {
    if (allow.postTo?.length && directive.startsWith("form-action ")) return `${directive} ${allow.postTo.join(" ")}`;
    if (allow.framedBy?.length && directive.startsWith("frame-ancestors ")) return `frame-ancestors ${allow.framedBy.join(" ")}`;
    return directive;
  });
  return [...directives, `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`].join("; ");
}

/** The pages MTurk may frame (the crowd link's, which sends no X-Frame-Options): their paths' start. */
export const FRAMEABLE_PATH = "/crowd/";

/** Everything that is not a page: the API's JSON and downloads, static files. */
export const OTHER_SECURITY_POLICY = [...COMMON, "script-src 'self'"].join("; ");

/** Two years, subdomains included, as browsers' preload lists ask; only ever sent over https. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";
