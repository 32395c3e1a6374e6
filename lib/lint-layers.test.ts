// The layers eslint.config.mjs keeps: each crossing is an error of `npm run lint`, and what a
// layer may import is not. Each snippet is linted as text, as if it were the file named.
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

let eslint: ESLint;

beforeAll(async () => {
  eslint = new ESLint({ cwd: path.join(import.meta.dirname, "..") });
  // Loading the config and its plugins takes a while, once.
  await eslint.calculateConfigForFile("lib/example.ts");
}, 60_000);

/** What `no-restricted-imports` says of `code` in the file at `filePath`. */
async function restricted(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((message) => message.ruleId === "no-restricted-imports");
}

const crossings: [layer: string, filePath: string, code: string][] = [
  ["components never import app/", "components/studies/example.tsx", 'import { createStudyAction } from "@/app/(research)/studies/new/actions";\nexport const action = createStudyAction;\n'],
  ["components never import app/ types either", "components/admin/example.tsx", 'import type { X } from "@/app/(admin)/admin/users/actions";\nexport type Y = X;\n'],
  ["components never import app/ by a relative path", "components/studies/example.tsx", 'import { createStudyAction } from "../../app/(research)/studies/new/actions";\nexport const action = createStudyAction;\n'],
  ["UI primitives import no database", "components/ui/example.tsx", 'import { db } from "@/lib/db";\nexport const x = db;\n'],
  ["UI primitives import no generated Prisma client", "components/ui/example.tsx", 'import type { Study } from "@/lib/generated/prisma/client";\nexport type S = Study;\n'],
  ["UI primitives import no Postgres module", "components/ui/example.tsx", 'import { createTestDatabase } from "@/lib/postgres/test-database";\nexport const x = createTestDatabase;\n'],
  ["UI primitives import no driver", "components/ui/example.tsx", 'import pg from "pg";\nexport const x = pg;\n'],
  ["UI primitives import no server-only module", "components/ui/example.tsx", 'import { requireStudyFor } from "@/lib/studies/study-access";\nexport const x = requireStudyFor;\n'],
  ["UI primitives import no app/ either", "components/ui/example.tsx", 'import { signOutAction } from "@/app/(auth)/sign-in/actions";\nexport const x = signOutAction;\n'],
  ["lib never imports app/", "lib/studies/example.ts", 'import { setGoldAction } from "@/app/(research)/studies/[slug]/prompts/[promptId]/actions";\nexport const x = setGoldAction;\n'],
  ["lib never imports components", "lib/results/example.ts", 'import type { RatingActions } from "@/components/rating/judge-pair";\nexport type X = RatingActions;\n'],
  ["lib never imports components by a relative path", "lib/results/example.ts", 'import { ActionMessage } from "../../components/ui/action-message";\nexport const x = ActionMessage;\n'],
  ["statistics import no database", "lib/stats/example.ts", 'import { db } from "@/lib/db";\nexport const x = db;\n'],
  ["statistics import no database by a relative path", "lib/stats/example.ts", 'import { db } from "../db";\nexport const x = db;\n'],
  ["statistics import no generated Prisma client", "lib/stats/example.ts", 'import type { Verdict } from "@/lib/generated/prisma/enums";\nexport type V = Verdict;\n'],
  ["statistics import no driver", "lib/stats/example.ts", 'import { Pool } from "pg";\nexport const x = Pool;\n'],
  ["statistics import no Postgres module", "lib/stats/example.ts", 'export { createTestDatabase } from "@/lib/postgres/test-database";\n'],
  ["statistics keep lib's own rules", "lib/stats/example.ts", 'import { ActionMessage } from "@/components/ui/action-message";\nexport const x = ActionMessage;\n'],
  ["the assignment policy imports no database", "lib/assign/policy.ts", 'import { db } from "@/lib/db";\nexport const x = db;\n'],
  ["the assignment policy imports no generated Prisma client", "lib/assign/policy.ts", 'import { Prisma } from "@/lib/generated/prisma/client";\nexport const x = Prisma;\n'],
];

const allowed: [layer: string, filePath: string, code: string][] = [
  ["components import lib types and UI primitives", "components/studies/example.tsx", 'import type { FormAction } from "@/lib/actions/form-state";\nimport { ActionMessage } from "@/components/ui/action-message";\nexport const x: [FormAction | null, typeof ActionMessage] = [null, ActionMessage];\n'],
  ["components (not UI primitives) may import server lib modules' types", "components/results/example.tsx", 'import type { RaterRow } from "@/lib/results/study-results";\nexport type R = RaterRow;\n'],
  ["UI primitives import other UI primitives and pure lib", "components/ui/example.tsx", 'import { Field } from "@/components/ui/field";\nimport type { FormState } from "@/lib/actions/form-state";\nexport const x: [typeof Field, FormState | null] = [Field, null];\n'],
  ["lib imports the database", "lib/studies/example.ts", 'import { db } from "@/lib/db";\nexport const x = db;\n'],
  ["statistics import statistics and pure lib", "lib/stats/example.ts", 'import { seededRandom } from "@/lib/random";\nimport type { Verdict } from "@/lib/assign/policy";\nexport const x: [typeof seededRandom, Verdict | null] = [seededRandom, null];\n'],
  ["app imports app, components and the database", "app/(research)/example/page.tsx", 'import { db } from "@/lib/db";\nimport { setGoldAction } from "@/app/(research)/studies/[slug]/prompts/[promptId]/actions";\nimport { GoldPairForm } from "@/components/studies/gold-pair-form";\nexport const x = [db, setGoldAction, GoldPairForm];\n'],
];

describe("the layers of eslint.config.mjs", () => {
  it.each(crossings)("%s: an error", async (_layer, filePath, code) => {
    const messages = await restricted(filePath, code);
    expect(messages.length, JSON.stringify(messages)).toBeGreaterThan(0);
    expect(messages.every((message) => message.severity === 2)).toBe(true);
  });

  it.each(allowed)("%s: no error", async (_layer, filePath, code) => {
    const [result] = await eslint.lintText(code, { filePath });
    expect(result.messages.filter((message) => message.severity === 2)).toEqual([]);
  });
});
