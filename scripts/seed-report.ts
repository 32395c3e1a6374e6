import type { DemoSeedResult } from "@/lib/seed/demo-study";

export function printSeedResult(result: DemoSeedResult): void {
  if (!result.created) return;
  console.log(`Seeded the demo study "LIMA vs baselines (demo)": ${result.prompts} prompts, ${result.pairs} pairs.`);
  if (result.accounts.length === 0) return;
  console.log("\nDemo accounts (these passwords are shown only this once):");
  for (const account of result.accounts) console.log(`  ${account.role.padEnd(10)} ${account.email}  password: ${account.password}`);
  console.log("");
}
