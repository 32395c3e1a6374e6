// Runs once when the server starts: a bad or missing setting stops it with a clear message
// instead of failing on the first request; then the process starts looking for LLM judge runs
// left behind by a process that died.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, databaseUrl, authSecret } = await import("@/lib/env");
  env();
  databaseUrl();
  if (env().NODE_ENV === "production") authSecret();
  const { keepTakingOverStaleRuns } = await import("@/lib/judge/judge-run");
  keepTakingOverStaleRuns();
}
