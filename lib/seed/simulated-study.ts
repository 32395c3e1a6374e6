// The closed study beside the demo that shows a fresh install's results pages filled in: the demo's
// prompts and placeholder responses, judged by simulated raters in the proportions of the LIMA
// paper's Figure 1, and a simulated GPT-4 judge in those of its Figure 2. Its title, its
// description, its `simulated` flag, its raters' names and its judge's name all say so.
import "server-only";
import { randomUUID } from "node:crypto";
import { pickTargetSide, type Side, type Verdict } from "@/lib/assign/policy";
import { db } from "@/lib/db";
import { seededRandom } from "@/lib/random";
import { demoResponse } from "@/lib/seed/demo-responses";
import { agreementPlan, choiceFor, judgeLabels, judgeOrders, LIMA_FIGURES, proportionedVerdicts, sharedPairs } from "@/lib/seed/simulated-verdicts";
import { buildPairs } from "@/lib/studies/build-pairs";
import { createStudy } from "@/lib/studies/create-study";
import { newStudySchema } from "@/lib/validation/study";

export const SIMULATED_STUDY_SLUG = "lima-simulated-demo";
export const SIMULATED_STUDY_TITLE = "LIMA vs baselines — simulated raters (demo)";
export const SIMULATED_JUDGE = "GPT-4 (simulated verdicts)";
/** Enough raters that each judges a prompt once: a prompt's five pairs go to five of them, its shared pair to the sixth. */
const SIMULATED_RATERS = 6;
/** The seed of every draw, so that each install shows the same simulated study. */
const SEED = 20_230_518;
/** Pairs per baseline judged by a second rater: the paper's agreement set of 50. */
const SHARED_PER_BASELINE = 10;
/**
 * The share of pairs on which the judge's labels follow the raters' order: at 0.65 the judge
 * agrees with the raters at about the paper's crowd–GPT-4 78% (tie-discounted accuracy, 75–83%
 * per baseline), where labels drawn apart from the raters' would agree no better than chance.
 */
const JUDGE_COUPLING = 0.65;
const DAY_MS = 24 * 60 * 60 * 1000;
const JUDGE_ANSWERS: Record<"left" | "right" | "neither", string> = {
  left: "Answer A is significantly better",
  right: "Answer B is significantly better",
  neither: "Neither is significantly better",
};

export interface SimulatedSeedResult {
  created: boolean;
  judgments: number;
  raters: number;
  judgeVerdicts: number;
}

interface PairRow {
  id: string;
  prompt: number;
  baseline: number;
}

interface DrawnJudgment {
  pairId: string;
  rater: number;
  verdict: Verdict;
  /** 1 for every pair's first judgment, 2 for the agreement set's second. */
  round: 1 | 2;
}

/** Each pair's judgments: one by the rater its prompt and baseline give, and a second one on the agreement set. */
function drawJudgments(pairs: PairRow[], random: () => number): DrawnJudgment[] {
  const drawn: DrawnJudgment[] = [];
  const usedPrompts = new Set<number>();
  LIMA_FIGURES.forEach((figure, index) => {
    const ofBaseline = pairs.filter((pair) => pair.baseline === index + 1);
    const first = proportionedVerdicts(figure.raters, ofBaseline.length, random);
    ofBaseline.forEach((pair, i) => drawn.push({ pairId: pair.id, rater: (pair.prompt + index) % SIMULATED_RATERS, verdict: first[i], round: 1 }));
    const second = proportionedVerdicts(figure.raters, SHARED_PER_BASELINE, random);
    const shared = sharedPairs(first, ofBaseline.map((pair) => pair.prompt), second, agreementPlan(index), usedPrompts, random);
    // The one rater who has not seen the prompt.
    for (const { pair, verdict } of shared) {
      drawn.push({ pairId: ofBaseline[pair].id, rater: (ofBaseline[pair].prompt + LIMA_FIGURES.length) % SIMULATED_RATERS, verdict, round: 2 });
    }
  });
  return drawn;
}

/** Rater accounts with no password (nobody can sign in as them) and disabled. */
async function ensureSimulatedRaters(): Promise<string[]> {
  const accounts = Array.from({ length: SIMULATED_RATERS }, (_, i) => ({
    email: `simulated-rater-${i + 1}@demo.invalid`,
    name: `Simulated rater ${i + 1}`,
    role: "rater" as const,
    passwordHash: "!",
    disabledAt: new Date(),
  }));
  await db().user.createMany({ data: accounts, skipDuplicates: true });
  const users = await db().user.findMany({ where: { email: { in: accounts.map((a) => a.email) } }, select: { id: true, email: true } });
  return accounts.map((account) => users.find((user) => user.email === account.email)!.id);
}

/** One field of every row, for an INSERT from arrays (Prisma's createMany takes seconds over a few thousand rows). */
const column = <Row, Key extends keyof Row>(rows: readonly Row[], key: Key) => rows.map((row) => row[key]);

async function judgeStudy(studyId: string, ownerId: string | null): Promise<Omit<SimulatedSeedResult, "created">> {
  const prompts = await db().prompt.findMany({ where: { studyId }, select: { id: true, position: true } });
  const systems = await db().system.findMany({ where: { studyId }, select: { id: true, position: true } });
  const responses = prompts.flatMap((prompt) => systems.map((system) => ({ promptId: prompt.id, systemId: system.id, text: demoResponse(prompt.position, system.position) })));
  await db().$executeRaw`
    INSERT INTO "Response" (id, "promptId", "systemId", text)
    SELECT gen_random_uuid()::text, r.prompt, r.system, r.text
      FROM unnest(${column(responses, "promptId")}::text[], ${column(responses, "systemId")}::text[], ${column(responses, "text")}::text[]) AS r (prompt, system, text)`;
  await buildPairs(studyId);
  const pairs = await db().$queryRaw<PairRow[]>`
    SELECT p.id, pr.position AS prompt, s.position AS baseline
      FROM "Pair" p JOIN "Prompt" pr ON pr.id = p."promptId" JOIN "System" s ON s.id = p."baselineSystemId"
     WHERE p."studyId" = ${studyId}
     ORDER BY s.position, pr.position`;
  const raterIds = await ensureSimulatedRaters();

  const random = seededRandom(SEED);
  // In a random order over the week before the seed, each rater's target sides drawn as the app
  // draws them for a real rater.
  const drawn = drawJudgments(pairs, random)
    .map((judgment) => ({ judgment, key: random() }))
    .sort((a, b) => a.key - b.key)
    .map(({ judgment }) => judgment);
  const start = Date.now() - 7 * DAY_MS;
  const shown = raterIds.map(() => ({ left: 0, right: 0 }));
  const rows = drawn.map((judgment, i) => {
    const sides = shown[judgment.rater];
    const targetSide: Side = pickTargetSide(sides.left, sides.right, random);
    sides[targetSide]++;
    const timeOnTaskMs = 20_000 + Math.round(-Math.log(1 - random()) * 45_000);
    const createdAt = start + ((i + random()) / drawn.length) * 6 * DAY_MS;
    return {
      assignmentId: randomUUID(),
      round: judgment.round,
      pairId: judgment.pairId,
      raterId: raterIds[judgment.rater],
      targetSide,
      choice: choiceFor(judgment.verdict, targetSide),
      verdict: judgment.verdict,
      timeOnTaskMs,
      shownAt: new Date(createdAt - timeOnTaskMs).toISOString(),
      createdAt: new Date(createdAt).toISOString(),
    };
  });

  const firstVerdicts = new Map(drawn.filter((judgment) => judgment.round === 1).map((judgment) => [judgment.pairId, judgment.verdict]));
  const verdicts = LIMA_FIGURES.flatMap((figure, index) => {
    const ofBaseline = pairs.filter((pair) => pair.baseline === index + 1);
    const labels = judgeLabels(ofBaseline.map((pair) => firstVerdicts.get(pair.id)!), figure.gpt4, JUDGE_COUPLING, random);
    let ties = 0;
    return ofBaseline.flatMap((pair, i) => {
      const orders = judgeOrders(labels[i], labels[i] === "tie" ? ties++ : 0);
      return (["left", "right"] as const).map((targetSide) => {
        const choice = choiceFor(orders[targetSide], targetSide);
        return { pairId: pair.id, targetSide, verdict: orders[targetSide], choice, answer: `Simulated verdict, no model was asked: ${JUDGE_ANSWERS[choice]}.` };
      });
    });
  });

  // The held-count and judgment-counting triggers fire on every row, as for a rater's own.
  await db().$transaction(
    async (tx) => {
      await tx.$executeRaw`
        INSERT INTO "Assignment" (id, "pairId", "raterId", "targetSide", status, "leaseExpiresAt", "shownAt", "createdAt")
        SELECT a.id, a.pair, a.rater, a.side, 'done'::"AssignmentStatus", (a.shown AT TIME ZONE 'UTC') + interval '15 minutes', a.shown AT TIME ZONE 'UTC', a.shown AT TIME ZONE 'UTC'
          FROM unnest(${column(rows, "assignmentId")}::text[], ${column(rows, "pairId")}::text[], ${column(rows, "raterId")}::text[],
                      ${column(rows, "targetSide")}::"Side"[], ${column(rows, "shownAt")}::timestamptz[]) AS a (id, pair, rater, side, shown)`;
      // The counting triggers read a pair's other judgments: a pair's two judgments go in separate
      // statements, so that the second is counted against a first that is counted already.
      for (const round of [1, 2]) {
        const of = rows.filter((row) => row.round === round);
        await tx.$executeRaw`
          INSERT INTO "Judgment" (id, "assignmentId", "studyId", "pairId", "raterId", choice, verdict, "targetSide", "timeOnTaskMs", "createdAt")
          SELECT gen_random_uuid()::text, j.assignment, ${studyId}, j.pair, j.rater, j.choice, j.verdict, j.side, j.ms, j.at AT TIME ZONE 'UTC'
            FROM unnest(${column(of, "assignmentId")}::text[], ${column(of, "pairId")}::text[], ${column(of, "raterId")}::text[],
                        ${column(of, "choice")}::"Choice"[], ${column(of, "verdict")}::"Verdict"[], ${column(of, "targetSide")}::"Side"[],
                        ${column(of, "timeOnTaskMs")}::int[], ${column(of, "createdAt")}::timestamptz[])
                 AS j (assignment, pair, rater, choice, verdict, side, ms, at)`;
      }
      const judge = await tx.judge.create({ data: { studyId, name: SIMULATED_JUDGE, createdById: ownerId }, select: { id: true } });
      await tx.$executeRaw`
        INSERT INTO "JudgeVerdict" (id, "judgeId", "pairId", "targetSide", choice, verdict, answer)
        SELECT gen_random_uuid()::text, ${judge.id}, v.pair, v.side, v.choice, v.verdict, v.answer
          FROM unnest(${column(verdicts, "pairId")}::text[], ${column(verdicts, "targetSide")}::"Side"[], ${column(verdicts, "choice")}::"Choice"[],
                      ${column(verdicts, "verdict")}::"Verdict"[], ${column(verdicts, "answer")}::text[]) AS v (pair, side, choice, verdict, answer)`;
      await tx.study.update({ where: { id: studyId }, data: { simulated: true, status: "closed" } });
      await tx.studyEvent.create({ data: { studyId, actorId: ownerId, what: "status", before: "open", after: "closed" } });
    },
    { timeout: 60_000 },
  );
  return { judgments: rows.length, raters: raterIds.length, judgeVerdicts: verdicts.length };
}

/** Seeds the simulated study unless a study has its slug; `ownerId` is the demo researcher. */
export async function seedSimulatedStudy(ownerId: string | null): Promise<SimulatedSeedResult> {
  const existing = await db().study.findUnique({ where: { slug: SIMULATED_STUDY_SLUG }, select: { id: true } });
  if (existing) return { created: false, judgments: 0, raters: 0, judgeVerdicts: 0 };
  const study = await createStudy(
    newStudySchema.parse({
      slug: SIMULATED_STUDY_SLUG,
      title: SIMULATED_STUDY_TITLE,
      raterTitle: "Compare two answers (simulated demo)",
      description:
        "Simulated data: no person or model judged these pairs. The demo's 300 LIMA test prompts and placeholder responses, with judgments drawn at random by six simulated raters in the proportions of the LIMA paper's Figure 1 (50 pairs judged twice, as its agreement set), and a simulated GPT-4 judge's verdicts in those of its Figure 2. It shows what the results look like; the demo study beside it is the one to judge.",
      target: "LIMA",
      baselines: LIMA_FIGURES.map((figure) => figure.baseline),
      prompts: "lima-test-set",
    }),
    ownerId,
  );
  try {
    return { created: true, ...(await judgeStudy(study.id, ownerId)) };
  } catch (error) {
    // All or nothing: a seed stopped halfway leaves no half-judged study, and the next one starts again.
    await db().study.delete({ where: { id: study.id } });
    throw error;
  }
}
