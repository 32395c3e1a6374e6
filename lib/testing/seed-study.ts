// Test data made through the app's own code: a small pairwise study and its people. Used by
// integration tests and by the end-to-end fixtures; every call makes names of its own, so tests
// running side by side never share rows.
import { DEFAULT_KIND } from "@/lib/kinds";
import { scaleColumns } from "@/lib/kinds/study-measure";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { StudyKind } from "@/lib/generated/prisma/enums";
import { buildPairs } from "@/lib/studies/build-pairs";
import { hashPassword } from "@/lib/users/passwords";
import type { NewUser } from "@/lib/validation/user";

export const uniqueSuffix = () => randomBytes(4).toString("hex");

// bcrypt is slow on purpose; tests that make many users hash each password once.
const hashes = new Map<string, Promise<string>>();

export async function makeUser(role: NewUser["role"], password = "correct horse battery") {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  const email = `${role}-${uniqueSuffix()}@test.local`;
  const user = await db().user.create({
    data: { email, role, passwordHash: await hashes.get(password)! },
    select: { id: true, email: true, role: true },
  });
  return { ...user, password, participant: false };
}

export interface SeededStudy {
  id: string;
  slug: string;
  target: string;
  baselines: string[];
  pairs: number;
}

/** One seeded prompt; what is left out gets the same default as a prompt seeded by count. */
export interface PromptSeed {
  externalId?: string;
  text?: string;
  source?: string | null;
  tags?: string[];
  /** The systems that answer it; every system when left out. */
  answeredBy?: string[];
}

export async function seedStudy(options: {
  /** How many prompts, or each prompt's own fields. */
  prompts?: number | PromptSeed[];
  baselines?: string[];
  target?: string;
  judgmentsPerPair?: number;
  leaseSeconds?: number;
  createdById?: string;
  openToAllRaters?: boolean;
  rationaleMode?: "off" | "optional" | "required";
  promptOncePerRater?: boolean;
  goldRate?: number;
  quotaPerRater?: number;
  kind?: StudyKind;
  /** Whether its raters may answer "Both are bad". */
  offerBothBad?: boolean;
}): Promise<SeededStudy> {
  const target = options.target ?? "LIMA";
  const baselines = options.baselines ?? ["Alpaca 65B", "GPT-4"];
  const promptSeeds: PromptSeed[] = Array.isArray(options.prompts) ? options.prompts : Array.from({ length: options.prompts ?? 3 }, () => ({}));
  const slug = `study-${uniqueSuffix()}`;
  const createdById = options.createdById ?? (await makeUser("researcher")).id;

  const study = await db().study.create({
    data: {
      slug,
      title: `Test study ${slug}`,
      instructions: "Pick the answer that best satisfies your needs.",
      judgmentsPerPair: options.judgmentsPerPair ?? 1,
      leaseSeconds: options.leaseSeconds ?? 900,
      rationaleMode: options.rationaleMode,
      // Most tests let a rater judge every pair; the app's own default for new studies is one prompt each.
      promptOncePerRater: options.promptOncePerRater ?? false,
      goldRate: options.goldRate,
      quotaPerRater: options.quotaPerRater,
      kind: options.kind,
      offerBothBad: options.offerBothBad,
      ...scaleColumns(options.kind ?? DEFAULT_KIND),
      // Tests judge as raters made on the spot; the ones about access close the study to them.
      openToAllRaters: options.openToAllRaters ?? true,
      createdById,
    },
  });
  const systems = await db().system.createManyAndReturn({
    data: [target, ...baselines].map((name, position) => ({ studyId: study.id, name, position })),
  });
  await db().study.update({ where: { id: study.id }, data: { targetSystemId: systems[0].id } });
  const prompts = await db().prompt.createManyAndReturn({
    data: promptSeeds.map((prompt, i) => ({
      studyId: study.id,
      externalId: prompt.externalId ?? `p${i + 1}`,
      text: prompt.text ?? `Question ${i + 1} of ${slug}?`,
      source: prompt.source !== undefined ? prompt.source : i % 2 === 0 ? "author-written" : "reddit-askreddit",
      tags: prompt.tags ?? [],
      position: i + 1,
    })),
  });
  await db().response.createMany({
    data: prompts.flatMap((prompt, i) =>
      systems
        .filter((system) => promptSeeds[i].answeredBy?.includes(system.name) ?? true)
        .map((system) => ({ promptId: prompt.id, systemId: system.id, text: `Response of system ${system.position} to question ${i + 1}.` })),
    ),
  });
  const pairs = await buildPairs(study.id);
  return { id: study.id, slug, target, baselines, pairs };
}
