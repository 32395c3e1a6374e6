import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Side, Verdict } from "@/lib/assign/policy";
import { db } from "@/lib/db";
import { judgeLengthEffect, lengthEffectByBaseline } from "@/lib/results/length-effect";
import { excludeRater } from "@/lib/results/rater-exclusion";
import { EVERY_JUDGMENT, type ResultsFilter } from "@/lib/results/results-filter";
import { lengthEffect, type PairLengths } from "@/lib/stats/length-control";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

// Six prompts; each response's length in characters. "ü" is two bytes in UTF-8, so a count of
// bytes instead of characters would show. 300/150 and 500/250 are the same ratio on purpose.
const TARGET = [120, 300, 80, 500, 200, 150];
const LENGTHS: Record<string, number[]> = {
  "Alpaca 65B": [100, 150, 160, 250, 200, 300],
  "GPT-4": [240, 600, 40, 1000, 100, 75],
  Claude: [90, 90, 90, 90, 90, 90],
};

// Four raters, each on a day of their own (1 to 4 March); per baseline and prompt, each rater's verdict.
const PLAN: Record<string, Verdict[][]> = {
  "Alpaca 65B": [
    ["win", "loss", "tie", "win"],
    ["win", "win", "loss", "loss"],
    ["loss", "tie", "win", "loss"],
    ["win", "tie", "tie", "win"],
    ["tie", "win", "win", "tie"],
    ["loss", "loss", "win", "win"],
  ],
  // The target won wherever it was longer and lost wherever it was shorter: separated.
  "GPT-4": [
    ["loss", "loss", "tie", "loss"],
    ["loss", "tie", "loss", "loss"],
    ["win", "win", "win", "tie"],
    ["tie", "loss", "loss", "loss"],
    ["win", "tie", "win", "win"],
    ["win", "win", "tie", "win"],
  ],
  // Claude's pairs are never judged.
};
const DAYS = [1, 2, 3, 4].map((day) => new Date(Date.UTC(2026, 2, day, 12)));

const text = (length: number) => "ü".repeat(length);
const pseudonym = (studyId: string, raterId: string) => `rater-${createHash("md5").update(`${studyId}:${raterId}`).digest("hex").slice(0, 10)}`;

async function lengthStudy() {
  const study = await seedStudy({ prompts: 6, baselines: ["Alpaca 65B", "GPT-4", "Claude"], judgmentsPerPair: 4 });
  const pairs = await db().pair.findMany({
    where: { studyId: study.id },
    select: { id: true, targetResponseId: true, baselineResponseId: true, prompt: { select: { position: true } }, baselineSystem: { select: { name: true } } },
  });
  const at = (baseline: string, prompt: number) => pairs.find((p) => p.baselineSystem!.name === baseline && p.prompt.position === prompt + 1)!;
  for (const [baseline, lengths] of Object.entries(LENGTHS)) {
    for (const [i, length] of lengths.entries()) {
      const pair = at(baseline, i);
      await db().response.update({ where: { id: pair.baselineResponseId! }, data: { text: text(length) } });
      await db().response.update({ where: { id: pair.targetResponseId }, data: { text: text(TARGET[i]) } });
    }
  }
  const raters = await Promise.all(DAYS.map(() => makeUser("rater")));
  for (const [baseline, verdicts] of Object.entries(PLAN)) {
    for (const [i, byRater] of verdicts.entries()) {
      const pairId = at(baseline, i).id;
      for (const [r, verdict] of byRater.entries()) {
        const targetSide: Side = (i + r) % 2 === 0 ? "left" : "right";
        const choice = verdict === "tie" ? "neither" : (verdict === "win") === (targetSide === "left") ? "left" : "right";
        const assignment = await db().assignment.create({ data: { pairId, raterId: raters[r].id, targetSide, status: "done", leaseExpiresAt: DAYS[r] } });
        await db().judgment.create({ data: { assignmentId: assignment.id, studyId: study.id, pairId, raterId: raters[r].id, targetSide, verdict, choice, timeOnTaskMs: 1000, createdAt: DAYS[r] } });
      }
    }
  }
  // Alpaca's third pair is made gold once judged: left out unless the filter asks for gold pairs.
  await db().pair.update({ where: { id: at("Alpaca 65B", 2).id }, data: { goldVerdict: "loss" } });
  return { study, raters, at };
}

/** By hand from the plan: each baseline's judged pairs with the verdicts of the raters kept. */
function expected(keep: (rater: number) => boolean, { gold = false } = {}) {
  return Object.keys(LENGTHS).map((baseline) => {
    const pairs: PairLengths[] = [];
    for (const [i, byRater] of (PLAN[baseline] ?? []).entries()) {
      if (baseline === "Alpaca 65B" && i === 2 && !gold) continue;
      const kept = byRater.filter((_, r) => keep(r));
      const count = (verdict: Verdict) => kept.filter((v) => v === verdict).length;
      if (kept.length) pairs.push({ targetLength: TARGET[i], baselineLength: LENGTHS[baseline][i], wins: count("win"), ties: count("tie"), losses: count("loss") });
    }
    return { baseline, ...lengthEffect(pairs) };
  });
}

describe("lengthEffectByBaseline", () => {
  it("gives what the pure function gives on the same pairs, for every filter, in the study's baseline order", async () => {
    const { study, raters } = await lengthStudy();
    const every = await lengthEffectByBaseline(study.id, EVERY_JUDGMENT);
    expect(every).toEqual(expected(() => true));
    expect(every.map((row) => row.baseline)).toEqual(["Alpaca 65B", "GPT-4", "Claude"]);

    const [alpaca, gpt4, claude] = every;
    // Alpaca without its gold pair, decided judgments: the target longer on prompts 1 (w w l),
    // 2 (w w l l) and 4 (w w), shorter on 6 (w w l l: the baseline won its two), equal on 5 (w w).
    expect(alpaca.longerAnswerWon).toMatchObject({ decided: 13, longerWon: 8, equalLength: 2 });
    expect(alpaca.lengthControlled).toMatchObject({ ok: true, judgments: 15, pairs: 5 });
    expect(gpt4.longerAnswerWon).toMatchObject({ decided: 18, longerWon: 18 });
    expect(gpt4.lengthControlled).toEqual({ ok: false, reason: "separation", judgments: 18, pairs: 6 });
    expect(claude).toEqual({ baseline: "Claude", decidedWinShare: null, longerAnswerWon: { decided: 0, longerWon: 0, share: null, equalLength: 0 }, lengthControlled: null });

    // Counted from the judgments themselves: a time range, chosen raters, gold pairs in.
    expect(await lengthEffectByBaseline(study.id, { ...EVERY_JUDGMENT, to: DAYS[2] })).toEqual(expected((r) => r < 2));
    const chosen: ResultsFilter = { ...EVERY_JUDGMENT, raters: [pseudonym(study.id, raters[0].id), pseudonym(study.id, raters[2].id)] };
    expect(await lengthEffectByBaseline(study.id, chosen)).toEqual(expected((r) => r === 0 || r === 2));
    expect(await lengthEffectByBaseline(study.id, { ...EVERY_JUDGMENT, gold: true })).toEqual(expected(() => true, { gold: true }));
    expect(await lengthEffectByBaseline(study.id, { ...EVERY_JUDGMENT, from: DAYS[0] })).toEqual(every);

    // An excluded rater leaves both the pairs' own counts and the judgments counted one by one.
    const owner = await makeUser("researcher");
    await excludeRater(study.id, pseudonym(study.id, raters[3].id), owner.id, null);
    const withoutLast = expected((r) => r < 3);
    expect(await lengthEffectByBaseline(study.id, EVERY_JUDGMENT)).toEqual(withoutLast);
    expect(await lengthEffectByBaseline(study.id, { ...EVERY_JUDGMENT, from: DAYS[0] })).toEqual(withoutLast);
  });
});

describe("judgeLengthEffect", () => {
  it("counts each pair once with the judge's label, and leaves gold pairs and unread answers out", async () => {
    const { study, at } = await lengthStudy();
    const judge = await db().judge.create({ data: { studyId: study.id, name: "GPT-4 as judge", baseUrl: "http://127.0.0.1:1/v1", model: "m", apiKey: "k", prompt: "p" } });
    // Per baseline and prompt, the judge's verdict with the target as answer A and as answer B
    // (null: that order could not be read), and the label its results give the pair.
    const said: [string, number, Verdict | null, Verdict | null, Verdict | null][] = [
      ["Alpaca 65B", 0, "win", "win", "win"],
      ["Alpaca 65B", 1, "win", "loss", "tie"],
      ["Alpaca 65B", 2, "loss", "loss", null], // the gold pair
      ["Alpaca 65B", 3, "win", null, "win"],
      ["Alpaca 65B", 4, "loss", "loss", "loss"],
      ["Alpaca 65B", 5, "loss", "win", "tie"],
      ["GPT-4", 0, "loss", "loss", "loss"],
      ["GPT-4", 2, "win", "win", "win"],
      ["GPT-4", 3, null, null, null], // both calls failed
    ];
    await db().judgeVerdict.createMany({
      data: said.flatMap(([baseline, prompt, left, right]) =>
        ([["left", left], ["right", right]] as const).map(([targetSide, verdict]) => ({
          judgeId: judge.id,
          pairId: at(baseline, prompt).id,
          targetSide,
          verdict,
          choice: verdict === null ? null : verdict === "tie" ? ("neither" as const) : (verdict === "win") === (targetSide === "left") ? ("left" as const) : ("right" as const),
          answer: verdict === null ? null : "…",
          problem: verdict === null ? "the call failed" : null,
        })),
      ),
    });

    const byHand = Object.keys(LENGTHS).map((baseline) => ({
      baseline,
      ...lengthEffect(
        said
          .filter(([b, , , , label]) => b === baseline && label !== null)
          .map(([, prompt, , , label]) => ({ targetLength: TARGET[prompt], baselineLength: LENGTHS[baseline][prompt], wins: label === "win" ? 1 : 0, ties: label === "tie" ? 1 : 0, losses: label === "loss" ? 1 : 0 })),
      ),
    }));
    const results = await judgeLengthEffect(study.id, judge.id);
    expect(results).toEqual(byHand);
    // Alpaca: wins on prompts 1 and 4 (target longer), a loss on 5 (equal lengths), ties left out.
    expect(results[0]).toMatchObject({ longerAnswerWon: { decided: 2, longerWon: 2, equalLength: 1 }, lengthControlled: { ok: false, reason: "separation", judgments: 3, pairs: 3 } });
    // GPT-4: the target, shorter on prompt 1 and longer on 3, lost and won: the longer won both.
    expect(results[1]).toMatchObject({ longerAnswerWon: { decided: 2, longerWon: 2 }, lengthControlled: { ok: false, reason: "separation", pairs: 2 } });
    expect(results[2].lengthControlled).toBeNull();

    // The raters' judgments are not the judge's.
    expect(results).not.toEqual(await lengthEffectByBaseline(study.id, EVERY_JUDGMENT));
    // A judge is read only within its own study.
    const other = await seedStudy({ prompts: 1, baselines: ["Bard"] });
    expect(await judgeLengthEffect(other.id, judge.id)).toEqual([]);
  });
});
