// The demo study a fresh install starts with: the LIMA test set, the paper's six systems and
// placeholder responses, plus a demo researcher and rater whose passwords are made up once.
import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { demoResponse } from "@/lib/seed/demo-responses";
import { buildPairs } from "@/lib/studies/build-pairs";
import { readLimaTestSet } from "@/lib/studies/lima-test-set";
import { hashPassword } from "@/lib/users/passwords";

export const DEMO_STUDY_SLUG = "lima-demo";
export const DEMO_TARGET = "LIMA";
export const DEMO_BASELINES = ["Alpaca 65B", "DaVinci003", "Bard", "Claude", "GPT-4"] as const;
const DEMO_ACCOUNTS = [
  { email: "researcher@demo.local", name: "Demo researcher", role: "researcher" },
  { email: "rater@demo.local", name: "Demo rater", role: "rater" },
] as const;

export const PAIRWISE_INSTRUCTIONS = `Imagine that you have a very capable AI assistant and you need help with the question below.

You will see the question and two answers, **A** and **B**. Read both, then choose which answer best satisfies your needs:

- **Answer A is significantly better**
- **Answer B is significantly better**
- **Neither is significantly better**

Judge the answers on their own merits. You are not told which assistant wrote which answer.`;

export interface DemoSeedResult {
  created: boolean;
  /** Accounts created by this seed, with their one-time passwords. */
  accounts: { email: string; role: string; password: string }[];
  prompts: number;
  pairs: number;
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

export async function seedDemoStudy(): Promise<DemoSeedResult> {
  const existing = await db().study.findUnique({ where: { slug: DEMO_STUDY_SLUG }, select: { id: true } });
  if (existing) return { created: false, accounts: [], prompts: 0, pairs: 0 };

  const { created: accounts, researcherId } = await ensureDemoAccounts();
  const testSet = readLimaTestSet();
  const systemNames = [DEMO_TARGET, ...DEMO_BASELINES];

  const { studyId, promptCount } = await db().$transaction(async (tx) => {
    const study = await tx.study.create({
      data: {
        slug: DEMO_STUDY_SLUG,
        title: "LIMA vs baselines (demo)",
        description:
          "The LIMA paper's 300 test prompts with placeholder responses for six systems. The responses are demo text, not real model outputs.",
        instructions: PAIRWISE_INSTRUCTIONS,
        createdById: researcherId,
      },
    });
    const systems = await tx.system.createManyAndReturn({
      data: systemNames.map((name, position) => ({ studyId: study.id, name, position })),
      select: { id: true, name: true, position: true },
    });
    const target = systems.find((system) => system.name === DEMO_TARGET)!;
    await tx.study.update({ where: { id: study.id }, data: { targetSystemId: target.id } });

    const prompts = await tx.prompt.createManyAndReturn({
      data: testSet.map((prompt) => ({ studyId: study.id, ...prompt })),
      select: { id: true, position: true },
    });
    await tx.response.createMany({
      data: prompts.flatMap((prompt) =>
        systems.map((system) => ({
          promptId: prompt.id,
          systemId: system.id,
          text: demoResponse(prompt.position, system.position),
        })),
      ),
    });
    return { studyId: study.id, promptCount: prompts.length };
  });

  const pairs = await buildPairs(studyId);
  return { created: true, accounts, prompts: promptCount, pairs };
}
