import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listPrompts, promptQuerySchema, promptWithResponses } from "@/lib/studies/browse-prompts";
import { seedStudy } from "@/lib/testing/seed-study";

const ids = (page: { prompts: { externalId: string }[] }) => page.prompts.map((p) => p.externalId);

// Baselines listed out of alphabetical order, so "ordered by position" is not "ordered by name".
const baselines = ["GPT-4", "Alpaca 65B"];

function seedBrowsable() {
  return seedStudy({
    baselines,
    prompts: [
      { externalId: "q-1", text: "How do I bake BREAD at home?", source: "wikihow", tags: ["how-to", "cooking"] },
      { externalId: "q-2", text: "What is 100% of 5?", source: "stackexchange", tags: ["math"] },
      { externalId: "q-3", text: "Explain 100 percent of anything.", source: "stackexchange", answeredBy: ["LIMA", "GPT-4"] },
      { externalId: "q-4", text: "Name the variable a_b.", source: null, tags: ["code", "math"] },
      { externalId: "q-5", text: "Name the variable axb.", source: "author-written", tags: ["code"] },
    ],
  });
}

describe("listPrompts", () => {
  it("lists a study's prompts in order, with response counts and the study's distinct sources and tags", async () => {
    const study = await seedBrowsable();
    await seedStudy({ prompts: [{ source: "elsewhere", tags: ["other-study"] }] });

    const all = await listPrompts(study.id);
    expect(ids(all)).toEqual(["q-1", "q-2", "q-3", "q-4", "q-5"]);
    expect(all.prompts[2]).toMatchObject({ text: "Explain 100 percent of anything.", source: "stackexchange", tags: [], responseCount: 2 });
    expect(all.prompts[0]).toMatchObject({ tags: ["how-to", "cooking"], responseCount: 3 });
    expect(all).toMatchObject({ total: 5, page: 1, pageCount: 1 });
    expect(all.sources).toEqual(["author-written", "stackexchange", "wikihow"]);
    expect(all.tags).toEqual(["code", "cooking", "how-to", "math"]);
  });

  it("searches text and external id case-insensitively, taking % and _ literally", async () => {
    const study = await seedBrowsable();
    expect(ids(await listPrompts(study.id, { q: "bread" }))).toEqual(["q-1"]);
    expect(ids(await listPrompts(study.id, { q: "Q-2" }))).toEqual(["q-2"]);
    expect(ids(await listPrompts(study.id, { q: "100%" }))).toEqual(["q-2"]);
    expect(ids(await listPrompts(study.id, { q: "a_b" }))).toEqual(["q-4"]);
    expect(ids(await listPrompts(study.id, { q: "\\" }))).toEqual([]);
    const none = await listPrompts(study.id, { q: "no such words" });
    expect(none).toMatchObject({ prompts: [], total: 0, page: 1, pageCount: 1 });
    // The filters offer every value of the study, not only those of the matching prompts.
    expect(none.sources).toHaveLength(3);
  });

  it("filters by exact source and by tag, together with the search", async () => {
    const study = await seedBrowsable();
    expect(ids(await listPrompts(study.id, { source: "stackexchange" }))).toEqual(["q-2", "q-3"]);
    expect(ids(await listPrompts(study.id, { source: "stack" }))).toEqual([]);
    expect(ids(await listPrompts(study.id, { tag: "math" }))).toEqual(["q-2", "q-4"]);
    expect(ids(await listPrompts(study.id, { tag: "mat" }))).toEqual([]);
    expect(ids(await listPrompts(study.id, { tag: "code", q: "variable", source: "author-written" }))).toEqual(["q-5"]);
  });

  it("pages, counting the total and clamping a page out of range", async () => {
    const study = await seedStudy({ prompts: 7 });
    const page = (n: number) => listPrompts(study.id, { page: n, pageSize: 3 });

    expect(await page(1)).toMatchObject({ total: 7, pageCount: 3, page: 1 });
    expect(ids(await page(1))).toEqual(["p1", "p2", "p3"]);
    expect(ids(await page(2))).toEqual(["p4", "p5", "p6"]);
    expect(ids(await page(3))).toEqual(["p7"]);
    expect(await page(9)).toMatchObject({ page: 3, prompts: [expect.objectContaining({ externalId: "p7" })] });
    expect(await page(0)).toMatchObject({ page: 1, prompts: [expect.objectContaining({ externalId: "p1" }), expect.anything(), expect.anything()] });
    expect(await listPrompts(study.id, { source: "author-written", pageSize: 3 })).toMatchObject({ total: 4, pageCount: 2 });
  });

  it("carries only an excerpt of a long prompt", async () => {
    const study = await seedStudy({ prompts: [{ text: "x".repeat(300) }, { text: "y".repeat(200) }] });
    const [long, exact] = (await listPrompts(study.id)).prompts;
    expect(long.text).toBe(`${"x".repeat(200)}…`);
    expect(exact.text).toBe("y".repeat(200));
  });
});

describe("promptQuerySchema", () => {
  it("trims the filters and falls back to no filter and page 1 on bad values", () => {
    expect(promptQuerySchema.parse({ q: "  bread ", source: "", tag: ["a", "b"], page: "2" })).toEqual({ q: "bread", source: undefined, tag: undefined, page: 2 });
    expect(promptQuerySchema.parse({ q: "x".repeat(201), page: "-1" })).toMatchObject({ q: undefined, page: 1 });
    expect(promptQuerySchema.parse({ page: "1.5" }).page).toBe(1);
    expect(promptQuerySchema.parse({}).page).toBe(1);
  });
});

describe("promptWithResponses", () => {
  it("gives the prompt, its history and each system's response in the systems' order, marking the target", async () => {
    const study = await seedBrowsable();
    const prompt = await db().prompt.findFirstOrThrow({ where: { studyId: study.id, externalId: "q-1" } });
    const history = [
      { role: "user", content: "Hi" },
      { role: "assistant", content: "Hello! How can I help?" },
    ];
    await db().prompt.update({ where: { id: prompt.id }, data: { history } });

    const found = await promptWithResponses(study.id, prompt.id);
    expect(found?.prompt).toEqual({
      id: prompt.id,
      externalId: "q-1",
      text: "How do I bake BREAD at home?",
      history,
      source: "wikihow",
      tags: ["how-to", "cooking"],
    });
    expect(found?.responses).toEqual([
      { system: "LIMA", isTarget: true, text: "Response of system 0 to question 1." },
      { system: "GPT-4", isTarget: false, text: "Response of system 1 to question 1." },
      { system: "Alpaca 65B", isTarget: false, text: "Response of system 2 to question 1." },
    ]);
    expect(found?.missingSystems).toEqual([]);
  });

  it("lists the systems with no response, and an empty history for a single-turn prompt", async () => {
    const study = await seedBrowsable();
    const prompt = await db().prompt.findFirstOrThrow({ where: { studyId: study.id, externalId: "q-3" } });
    const found = await promptWithResponses(study.id, prompt.id);
    expect(found?.prompt.history).toEqual([]);
    expect(found?.responses.map((r) => r.system)).toEqual(["LIMA", "GPT-4"]);
    expect(found?.missingSystems).toEqual(["Alpaca 65B"]);
  });

  it("links each prompt to the ones before and after it in the study's order", async () => {
    const study = await seedBrowsable();
    const prompts = await db().prompt.findMany({ where: { studyId: study.id }, orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true } });
    const links = await Promise.all(prompts.map(async ({ id }) => {
      const found = await promptWithResponses(study.id, id);
      return [found?.previousId, found?.nextId];
    }));
    expect(links).toEqual(prompts.map((_, i) => [prompts[i - 1]?.id ?? null, prompts[i + 1]?.id ?? null]));
  });

  it("is null for another study's prompt or an unknown id", async () => {
    const [study, other] = await Promise.all([seedBrowsable(), seedStudy({ prompts: 1 })]);
    const othersPrompt = await db().prompt.findFirstOrThrow({ where: { studyId: other.id } });
    expect(await promptWithResponses(study.id, othersPrompt.id)).toBeNull();
    expect(await promptWithResponses(study.id, "no-such-prompt")).toBeNull();
    expect(await promptWithResponses(other.id, othersPrompt.id)).not.toBeNull();
  });
});
