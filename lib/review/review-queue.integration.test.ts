import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { Side } from "@/lib/assign/policy";
import { nextAssignment, raterProgress } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { reviewCsv } from "@/lib/export/review-csv";
import { reviewItem } from "@/lib/review/item-review";
import { ITEMS_PER_PAGE, openReviewCount, REPORTS_SHOWN, reviewQueue } from "@/lib/review/review-queue";
import { studyEvents } from "@/lib/studies/study-events";
import { findStudyFor, requireStudyFor } from "@/lib/studies/study-access";
import { changeStudyStatus } from "@/lib/studies/study-status";
import { flagInOwnStudy, judgeInOwnStudy, skipInOwnStudy } from "@/lib/testing/own-study";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

const pseudonymOf = (studyId: string, raterId: string) => `rater-${createHash("md5").update(`${studyId}:${raterId}`).digest("hex").slice(0, 10)}`;
const OPEN = { state: "open", page: 1 } as const;
const ALL = { state: "all", page: 1 } as const;

/** The rater's next item and which pair it is, or null when they have none left. */
async function nextPair(studyId: string, raterId: string): Promise<{ assignmentId: string; pairId: string; targetSide: Side } | null> {
  const shown = await nextAssignment(studyId, raterId);
  if (!shown) return null;
  const { pairId, targetSide } = await db().assignment.findUniqueOrThrow({ where: { id: shown.assignmentId } });
  return { assignmentId: shown.assignmentId, pairId, targetSide };
}

/**
 * Three raters go through a study of 2 prompts × 2 baselines (k = 3): the first pair is flagged
 * four times (one rater flags it twice), the second is skipped by two raters and flagged by the
 * third; everything else is judged.
 */
async function reportedStudy() {
  const owner = await makeUser("researcher");
  const study = await seedStudy({ prompts: 2, baselines: ["Bard", "Claude"], judgmentsPerPair: 3, createdById: owner.id });
  const [flagged, skipped] = await db().pair.findMany({ where: { studyId: study.id }, orderBy: { id: "asc" }, take: 2 });
  const raters = await Promise.all([makeUser("rater"), makeUser("rater"), makeUser("rater")]);
  for (const [r, rater] of raters.entries()) {
    for (let item = await nextPair(study.id, rater.id); item; item = await nextPair(study.id, rater.id)) {
      const { assignmentId } = item;
      if (item.pairId === flagged.id) {
        await flagInOwnStudy(rater.id, { assignmentId, reason: (["broken", "offensive", "broken"] as const)[r], note: r === 0 ? "The answer stops mid-sentence." : undefined });
        if (r === 2) await flagInOwnStudy(rater.id, { assignmentId, reason: "other", note: "=HYPERLINK(\"http://evil.example\")" });
      }
      if (item.pairId === skipped.id && r < 2) {
        await skipInOwnStudy(rater.id, assignmentId, ["The content is broken", "Other"][r]);
        continue;
      }
      if (item.pairId === skipped.id) await flagInOwnStudy(rater.id, { assignmentId, reason: "other", note: "Answer B is in French." });
      await judgeInOwnStudy(rater.id, { assignmentId, choice: "left" });
    }
  }
  return { owner, study, raters, flagged, skipped };
}

describe("the review queue", () => {
  it("lists each flagged or skipped item once, most reported first, with its reasons counted, its notes, raters by pseudonym and its texts", async () => {
    const { study, raters, flagged, skipped } = await reportedStudy();
    const queue = await reviewQueue(study.id, OPEN);
    expect(queue.counts).toEqual({ open: 2, kept: 0, removed: 0 });
    expect(await openReviewCount(study.id)).toBe(2);
    expect([queue.page, queue.pageCount]).toEqual([1, 1]);
    expect(queue.items.map((item) => [item.pairId, item.state, item.flags, item.skips])).toEqual([
      [flagged.id, "open", 4, 0],
      [skipped.id, "open", 1, 2],
    ]);
    const [first, second] = queue.items;
    expect(first.flagReasons).toEqual([
      { reason: "broken", count: 2 },
      { reason: "offensive", count: 1 },
      { reason: "other", count: 1 },
    ]);
    expect(first.skipReasons).toEqual([]);
    expect(second.flagReasons).toEqual([{ reason: "other", count: 1 }]);
    expect(second.skipReasons).toEqual([
      { reason: "Other", count: 1 },
      { reason: "The content is broken", count: 1 },
    ]);

    // Every report, newest first, with its note and the rater's pseudonym, beside who they are (for the study's researchers).
    expect(first.reports).toHaveLength(4);
    expect(first.reports.map((report) => report.at.getTime())).toEqual([...first.reports.map((report) => report.at.getTime())].sort((a, b) => b - a));
    expect(first.reports.map((report) => report.note).filter(Boolean).sort()).toEqual(["=HYPERLINK(\"http://evil.example\")", "The answer stops mid-sentence."]);
    expect(new Set(first.reports.map((report) => report.rater))).toEqual(new Set(raters.map((rater) => pseudonymOf(study.id, rater.id))));
    const skips = second.reports.filter((report) => report.kind === "skip");
    expect(skips.map((report) => report.rater).sort()).toEqual([pseudonymOf(study.id, raters[0].id), pseudonymOf(study.id, raters[1].id)].sort());
    expect(skips.every((report) => report.at instanceof Date && report.note === null)).toBe(true);
    for (const report of [...first.reports, ...second.reports]) {
      const rater = raters.find((one) => pseudonymOf(study.id, one.id) === report.rater)!;
      expect(report.identity).toEqual({ email: rater.email, name: null, platform: null, platformId: null });
    }
    const text = JSON.stringify(queue);
    for (const rater of raters) expect(text).not.toContain(rater.id);

    // The prompt and both answers, with the systems that wrote them.
    const pair = await db().pair.findUniqueOrThrow({ where: { id: flagged.id }, include: { prompt: true, targetResponse: { include: { system: true } }, baselineResponse: { include: { system: true } } } });
    expect(first.prompt).toMatchObject({ id: pair.promptId, externalId: pair.prompt.externalId, text: pair.prompt.text });
    expect(first.answers).toEqual([
      { system: "LIMA", target: true, text: pair.targetResponse.text },
      { system: pair.baselineResponse!.system.name, target: false, text: pair.baselineResponse!.text },
    ]);
  });

  it("pages the items and lists the latest reports of each, while the counts cover every one", async () => {
    const study = await seedStudy({ prompts: ITEMS_PER_PAGE + 5, baselines: ["Bard"] });
    const rater = await makeUser("rater");
    for (let item = await nextPair(study.id, rater.id); item; item = await nextPair(study.id, rater.id)) {
      await flagInOwnStudy(rater.id, { assignmentId: item.assignmentId, reason: "broken" });
      await judgeInOwnStudy(rater.id, { assignmentId: item.assignmentId, choice: "neither" });
    }
    const first = await reviewQueue(study.id, OPEN);
    expect([first.items.length, first.page, first.pageCount, first.counts.open]).toEqual([ITEMS_PER_PAGE, 1, 2, ITEMS_PER_PAGE + 5]);
    const second = await reviewQueue(study.id, { state: "open", page: 2 });
    expect(second.items).toHaveLength(5);
    expect(new Set([...first.items, ...second.items].map((item) => item.pairId)).size).toBe(ITEMS_PER_PAGE + 5);
    // A page past the end shows the last one.
    expect((await reviewQueue(study.id, { state: "open", page: 9 })).page).toBe(2);

    const crowded = await seedStudy({ prompts: 1, baselines: ["Bard"], judgmentsPerPair: REPORTS_SHOWN + 2 });
    for (let r = 0; r < REPORTS_SHOWN + 2; r++) {
      const someone = await makeUser("rater");
      const item = (await nextPair(crowded.id, someone.id))!;
      if (r % 2) await flagInOwnStudy(someone.id, { assignmentId: item.assignmentId, reason: "offensive" });
      else await skipInOwnStudy(someone.id, item.assignmentId, "I'd rather not read this");
    }
    const [item] = (await reviewQueue(crowded.id, OPEN)).items;
    expect([item.flags, item.skips, item.reports.length]).toEqual([(REPORTS_SHOWN + 2) / 2, (REPORTS_SHOWN + 2) / 2, REPORTS_SHOWN]);
    expect(item.flagReasons).toEqual([{ reason: "offensive", count: (REPORTS_SHOWN + 2) / 2 }]);
    expect(parse(await reviewCsv({ id: crowded.id, kind: "pairwise" }), { columns: true })).toHaveLength(REPORTS_SHOWN + 2);
  });

  it("keeps, removes and puts back an item, each in the history; a kept item opens again with a new report, and a closed study's items are only kept", async () => {
    const { owner, study, flagged, skipped } = await reportedStudy();
    await reviewItem(study.id, flagged.id, "keep", owner.id);
    expect((await reviewQueue(study.id, OPEN)).counts).toEqual({ open: 1, kept: 1, removed: 0 });
    expect(await openReviewCount(study.id)).toBe(1);

    await reviewItem(study.id, skipped.id, "remove", owner.id);
    // Removing it again changes nothing, and writes nothing.
    await reviewItem(study.id, skipped.id, "remove", owner.id);
    const removed = await reviewQueue(study.id, { state: "removed", page: 1 });
    expect(removed.items.map((item) => [item.pairId, item.state, item.reviewedBy])).toEqual([[skipped.id, "removed", owner.email]]);
    expect(removed.items[0].removedAt).toBeInstanceOf(Date);
    await expect(reviewItem(study.id, skipped.id, "keep", owner.id)).rejects.toThrow("This item was removed meanwhile: put it back to keep it in the study.");
    await reviewItem(study.id, skipped.id, "restore", owner.id);
    await reviewItem(study.id, skipped.id, "restore", owner.id);
    expect((await reviewQueue(study.id, ALL)).items.map((item) => [item.pairId, item.state])).toEqual([
      [flagged.id, "kept"],
      [skipped.id, "kept"],
    ]);

    // A new report on a kept item puts it back in the queue.
    const late = await makeUser("rater");
    await db().study.update({ where: { id: study.id }, data: { judgmentsPerPair: 4 } });
    let item = await nextPair(study.id, late.id);
    while (item && item.pairId !== flagged.id) {
      await judgeInOwnStudy(late.id, { assignmentId: item.assignmentId, choice: "right" });
      item = await nextPair(study.id, late.id);
    }
    await flagInOwnStudy(late.id, { assignmentId: item!.assignmentId, reason: "offensive" });
    expect((await reviewQueue(study.id, OPEN)).items.map((one) => [one.pairId, one.flags])).toEqual([[flagged.id, 5]]);

    const item_ = (what: string, pair: { id: string }) => [what, expect.stringMatching(new RegExp(`^pair ${pair.id} \\(prompt p\\d: LIMA vs (Bard|Claude)\\)$`)), owner.email];
    expect((await studyEvents(study.id)).map((event) => [event.what, event.after, event.actor])).toEqual([
      item_("item put back", skipped),
      item_("item removed", skipped),
      item_("item kept", flagged),
    ]);

    // Closed, the results are final: an item may still be kept, not removed.
    await changeStudyStatus(study.id, "closed", owner.id);
    await expect(reviewItem(study.id, flagged.id, "remove", owner.id)).rejects.toThrow("This study is closed: its results are final, so no item can be removed or put back.");
    await reviewItem(study.id, flagged.id, "keep", owner.id);
    expect((await reviewQueue(study.id, OPEN)).counts.open).toBe(0);

    // An item of another study is not found.
    const other = await seedStudy({ prompts: 1 });
    const theirs = await db().pair.findFirstOrThrow({ where: { studyId: other.id } });
    await expect(reviewItem(study.id, theirs.id, "remove", owner.id)).rejects.toThrow("That item is not in this study.");
  });

  it("hands a removed item to no rater, and hands it out again once put back", async () => {
    const owner = await makeUser("researcher");
    const study = await seedStudy({ prompts: 3, baselines: ["Bard", "Claude"], judgmentsPerPair: 2, createdById: owner.id });
    const pairs = await db().pair.findMany({ where: { studyId: study.id }, orderBy: { id: "asc" } });
    await reviewItem(study.id, pairs[0].id, "remove", owner.id);
    await reviewItem(study.id, pairs[1].id, "remove", owner.id);
    // A rater is not promised the removed items either.
    expect(await raterProgress(study.id, (await makeUser("rater")).id)).toMatchObject({ done: 0, remaining: pairs.length - 2 });
    for (const rater of [await makeUser("rater"), await makeUser("rater")]) {
      const given: string[] = [];
      for (let item = await nextPair(study.id, rater.id); item; item = await nextPair(study.id, rater.id)) {
        given.push(item.pairId);
        await judgeInOwnStudy(rater.id, { assignmentId: item.assignmentId, choice: "left" });
      }
      expect(given.sort()).toEqual(pairs.slice(2).map((pair) => pair.id).sort());
    }
    await reviewItem(study.id, pairs[1].id, "restore", owner.id);
    const late = await makeUser("rater");
    expect((await nextPair(study.id, late.id))?.pairId).toBe(pairs[1].id);
  });

  it("writes one row per flag and per skip, with the item's prompt, systems, sides, rater, time and state, formulas neutralised", async () => {
    const { owner, study, raters, flagged, skipped } = await reportedStudy();
    await reviewItem(study.id, flagged.id, "remove", owner.id);
    const csv = await reviewCsv({ id: study.id, kind: "pairwise" });
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(["pair_id", "prompt_id", "target_system", "baseline_system", "system_left", "system_right", "kind", "reason", "note", "rater", "created_at", "state"]);
    expect(rows).toHaveLength(7);
    expect(rows.filter((row) => row.pair_id === flagged.id).map((row) => [row.kind, row.state]).sort()).toEqual(Array(4).fill(["flag", "removed"]));
    expect(rows.filter((row) => row.pair_id === skipped.id).map((row) => [row.kind, row.reason, row.state]).sort()).toEqual([
      ["flag", "other", "open"],
      ["skip", "Other", "open"],
      ["skip", "The content is broken", "open"],
    ]);
    expect(rows.map((row) => row.note).filter(Boolean).sort()).toEqual(["'=HYPERLINK(\"http://evil.example\")", "Answer B is in French.", "The answer stops mid-sentence."]);
    const pairs = await db().pair.findMany({ where: { id: { in: [flagged.id, skipped.id] } }, include: { prompt: true, baselineSystem: true } });
    const assignments = await db().assignment.findMany({ where: { pairId: { in: [flagged.id, skipped.id] } } });
    for (const row of rows) {
      const pair = pairs.find((one) => one.id === row.pair_id)!;
      expect(row).toMatchObject({ prompt_id: pair.prompt.externalId, target_system: "LIMA", baseline_system: pair.baselineSystem!.name });
      const rater = raters.find((one) => pseudonymOf(study.id, one.id) === row.rater)!;
      const { targetSide } = assignments.find((one) => one.pairId === pair.id && one.raterId === rater.id)!;
      expect([row.system_left, row.system_right]).toEqual(targetSide === "left" ? ["LIMA", pair.baselineSystem!.name] : [pair.baselineSystem!.name, "LIMA"]);
      expect(row.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    for (const rater of raters) expect(csv).not.toContain(rater.email);
  });

  it("is its study's researchers' and admins' alone: a rater and an unrelated researcher find no such study", async () => {
    const { owner, study } = await reportedStudy();
    const [rater, stranger, admin] = await Promise.all([makeUser("rater"), makeUser("researcher"), makeUser("admin")]);
    for (const viewer of [rater, stranger]) {
      expect(await findStudyFor(study.slug, viewer)).toBeNull();
      await expect(requireStudyFor(study.slug, viewer)).rejects.toThrow(`No study with the slug "${study.slug}".`);
    }
    for (const viewer of [owner, admin]) expect((await requireStudyFor(study.slug, viewer)).id).toBe(study.id);
  });
});
