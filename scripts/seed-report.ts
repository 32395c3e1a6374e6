import type { DemoSeedResult } from "@/lib/seed/demo-study";
import { SIMULATED_STUDY_TITLE } from "@/lib/seed/simulated-study";

export function printSeedResult(result: DemoSeedResult): void {
  if (result.created) console.log(`Seeded the demo study "LIMA vs baselines (demo)": ${result.prompts} prompts, ${result.pairs} pairs.`);
  const { simulated } = result;
  if (simulated.created) {
    console.log(
      `Seeded the closed study "${SIMULATED_STUDY_TITLE}": ${simulated.judgments} simulated judgments by ${simulated.raters} simulated raters and ${simulated.judgeVerdicts} simulated judge verdicts, drawn with the LIMA paper's shares.`,
    );
  }
  if (result.accounts.length === 0) return;
  console.log("\nDemo accounts (these passwords are shown only this once):");
  for (const account of result.accounts) console.log(`  ${account.role.padEnd(10)} ${account.email}  password: ${account.password}`);
  console.log("");
}
