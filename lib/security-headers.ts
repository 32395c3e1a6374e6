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

/** A page's policy: only scripts with this request's nonce, and what they load ('strict-dynamic'); development's hot reload needs eval. */
export function pageSecurityPolicy(nonce: string, development: boolean): string {
  return [...COMMON, `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`].join("; ");
}

/** Everything that is not a page: the API's JSON and downloads, static files. */
export const OTHER_SECURITY_POLICY = [...COMMON, "script-src 'self'"].join("; ");

/** Two years, subdomains included, as browsers' preload lists ask; only ever sent over https. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";
