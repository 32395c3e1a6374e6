// The demo study a fresh install starts with: the LIMA test set, the paper's six systems and
// placeholder responses, plus a demo researcher and rater whose passwords are made up once; and
// beside it a closed study of simulated judgments, so that the results pages show the paper's
// figures before anyone has judged (lib/seed/simulated-study.ts).
import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { demoResponse } from "@/lib/seed/demo-responses";
import { seedSimulatedStudy, type SimulatedSeedResult } from "@/lib/seed/simulated-study";
import { buildPairs } from "@/lib/studies/build-pairs";
import { createStudy } from "@/lib/studies/create-study";
import { hashPassword } from "@/lib/users/passwords";
import { newStudySchema } from "@/lib/validation/study";

export const DEMO_STUDY_SLUG = "lima-demo";
export const DEMO_TARGET = "LIMA";
export const DEMO_BASELINES = ["Alpaca 65B", "DaVinci003", "Bard", "Claude", "GPT-4"] as const;
const DEMO_ACCOUNTS = [
  { email: "researcher@demo.local", name: "Demo researcher", role: "researcher" },
  { email: "rater@demo.local", name: "Demo rater", role: "rater" },
] as const;

export interface DemoSeedResult {
  created: boolean;
  /** Accounts created by this seed, with their one-time passwords. */
  accounts: { email: string; role: string; password: string }[];
  prompts: number;
  pairs: number;
  simulated: SimulatedSeedResult;
}

async function ensureDemoAccounts() {
  const created: DemoSeedResult["accounts"] = [];
  for (const account of DEMO_ACCOUNTS) {
    const existing = await db().user.findUnique({ where: { email: account.email } });
    if (existing) continue;
    const password = randomBytes(9).toString("base64url");
    await db().user.create({ data: { ...account, passwordHash: await hashPassword(password) } });
    created.push({ email: account.email, role: account.role, password });
  }
  const researcher = await db().user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS[0].email } });
  return { created, researcherId: researcher.id };
}

/** The demo study and, after it (so that it heads the researcher's list), the simulated one; each only if missing. */
export async function seedDemoStudy(): Promise<DemoSeedResult> {
  const demo = await seedJudgeableStudy();
  // An install seeded before the simulated study existed gets it too, owned by the demo
  // researcher if that account is still there.
  const owner = await db().user.findUnique({ where: { email: DEMO_ACCOUNTS[0].email }, select: { id: true } });
  return { ...demo, simulated: await seedSimulatedStudy(owner?.id ?? null) };
}

async function seedJudgeableStudy(): Promise<Omit<DemoSeedResult, "simulated">> {
  const existing = await db().study.findUnique({ where: { slug: DEMO_STUDY_SLUG }, select: { id: true } });
  if (existing) return { created: false, accounts: [], prompts: 0, pairs: 0 };

  const { created: accounts, researcherId } = await ensureDemoAccounts();
  const study = await createStudy(
    newStudySchema.parse({
      slug: DEMO_STUDY_SLUG,
      title: "LIMA vs baselines (demo)",
      raterTitle: "Compare two answers (demo)",
      description:
        "The LIMA paper's 300 test prompts with placeholder responses for six systems. The responses are demo text, not real model outputs.",
      target: DEMO_TARGET,
      baselines: [...DEMO_BASELINES],
      prompts: "lima-test-set",
      // The demo's rater account judges it without being let in first.
      openToAllRaters: true,
    }),
    researcherId,
  );
  const prompts = await db().prompt.findMany({ where: { studyId: study.id }, select: { id: true, position: true } });
  await db().response.createMany({
    data: prompts.flatMap((prompt) =>
      study.systems.map((system) => ({ promptId: prompt.id, systemId: system.id, text: demoResponse(prompt.position, system.position) })),
    ),
  });
  const pairs = await buildPairs(study.id);
  return { created: true, accounts, prompts: prompts.length, pairs };
}
