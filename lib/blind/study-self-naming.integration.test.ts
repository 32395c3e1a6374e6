import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { nextAssignment } from "@/lib/assign/next-assignment";
import { rescanSelfNaming, selfNamingOverview, setSelfNamingMode } from "@/lib/blind/study-self-naming";
import { db } from "@/lib/db";
import { judgmentsExport } from "@/lib/export/judgments-export";
import { importFiles } from "@/lib/importer/import-files";
import type { ImportFile } from "@/lib/importer/read-file";
import { createStudy } from "@/lib/studies/create-study";
import { judgeInOwnStudy } from "@/lib/testing/own-study";
import { makeUser, uniqueSuffix } from "@/lib/testing/seed-study";
import { newStudySchema } from "@/lib/validation/study";

const file = (name: string, lines: object[]): ImportFile => {
  const bytes = new TextEncoder().encode(lines.map((line) => JSON.stringify(line)).join("\n") + "\n");
  return { name, open: async function* () { yield bytes; } };
};

async function studyWithSelfNamingAnswers() {
  const owner = await makeUser("researcher");
  const study = await createStudy(
    newStudySchema.parse({ slug: `names-${uniqueSuffix()}`, title: "Names", target: "LIMA", baselines: ["alpaca-65b"], openToAllRaters: true }),
    owner.id,
  );
  const prompts = file("prompts.jsonl", [
    { id: "q1", text: "Who are you?" },
    { id: "q2", text: "What is the capital of Peru?" },
  ]);
  const responses = file("responses.jsonl", [
    { prompt_id: "q1", system: "LIMA", response: "**I'm Claude**, made by Anthropic." },
    { prompt_id: "q1", system: "alpaca-65b", response: "As an AI language model, I am alpaca-65b." },
    { prompt_id: "q2", system: "LIMA", response: "Lima is the capital of Peru." },
    { prompt_id: "q2", system: "alpaca-65b", response: "The capital is Lima, home to many llamas." },
  ]);
  return { owner, study, files: [prompts, responses] };
}

describe("answers that name their writer", () => {
  it("are reported by the preview and the import with file, line and phrase, imported all the same, and listed for the study", async () => {
    const { study, files } = await studyWithSelfNamingAnswers();
    const preview = await importFiles(study.id, files, { preview: true });
    const expected = [
      { file: "responses.jsonl", line: 1, phrase: "I'm Claude; Anthropic" },
      { file: "responses.jsonl", line: 2, phrase: "As an AI language model; alpaca-65b" },
    ];
    expect(preview).toMatchObject({ errorCount: 0, selfNamingCount: 2, selfNaming: expected });
    const report = await importFiles(study.id, files);
    expect(report).toMatchObject({ committed: true, selfNamingCount: 2, selfNaming: expected });
    const overview = await selfNamingOverview(study.id);
    expect(overview).toEqual({
      mode: "show",
      count: 2,
      answers: [
        { promptId: "q1", system: "LIMA", phrases: ["I'm Claude", "Anthropic"] },
        { promptId: "q1", system: "alpaca-65b", phrases: ["As an AI language model", "alpaca-65b"] },
      ],
    });
  });

  it("are shown to raters with the names hidden when the study says so, the stored text unchanged, and the export says so", async () => {
    const { owner, study, files } = await studyWithSelfNamingAnswers();
    await importFiles(study.id, files);
    await db().study.update({ where: { id: study.id }, data: { promptOncePerRater: false } });
    await setSelfNamingMode(study.id, "redact", owner.id);
    const rater = await makeUser("rater");
    const seen: string[] = [];
    for (let shown = await nextAssignment(study.id, rater.id); shown; shown = await nextAssignment(study.id, rater.id)) {
      if ("left" in shown) seen.push(shown.left.text, shown.right.text);
      await judgeInOwnStudy(rater.id, { assignmentId: shown.assignmentId, choice: "left" });
    }
    expect(seen.sort()).toEqual(["**I'm [assistant]**, made by [company].", "As an assistant, I am [assistant].", "Lima is the capital of Peru.", "The capital is Lima, home to many llamas."]);
    expect(await db().response.count({ where: { text: { contains: "Claude" }, prompt: { studyId: study.id } } })).toBe(1);

    const csv = await new Response(await judgmentsExport(study.id, "csv")).text();
    const rows = parse(csv, { columns: true }) as { prompt_id: string; redacted: string }[];
    expect(rows.map((row) => [row.prompt_id, row.redacted]).sort()).toEqual([["q1", "true"], ["q2", "false"]]);
    const history = await db().studyEvent.findMany({ where: { studyId: study.id, what: "answers naming their writer" } });
    expect(history.map((event) => [event.before, event.after])).toEqual([["show", "redact"]]);
  });

  it("are found again by a new scan, for answers stored before the scan", async () => {
    const { study, files } = await studyWithSelfNamingAnswers();
    await importFiles(study.id, files);
    await db().response.updateMany({ where: { prompt: { studyId: study.id } }, data: { selfNames: [] } });
    expect((await selfNamingOverview(study.id)).count).toBe(0);
    expect(await rescanSelfNaming(study.id)).toBe(2);
    expect((await selfNamingOverview(study.id)).count).toBe(2);
  });
});
