// A study's answers that name their writer: how many, which, what raters are shown of them, and a
// fresh scan (for answers imported before the scan existed, or after the list of names grew).
import "server-only";
import { selfNamingPhrases } from "@/lib/blind/self-naming";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { SelfNaming } from "@/lib/generated/prisma/enums";

export const LISTED_SELF_NAMING = 100;

export interface SelfNamingOverview {
  mode: SelfNaming;
  count: number;
  /** The first LISTED_SELF_NAMING, by prompt and system. */
  answers: { promptId: string; system: string; phrases: string[] }[];
}

export async function selfNamingOverview(studyId: string): Promise<SelfNamingOverview> {
  const [study, answers] = await Promise.all([
    db().study.findUniqueOrThrow({ where: { id: studyId }, select: { selfNaming: true } }),
    db().$queryRaw<{ promptId: string; system: string; phrases: string[]; total: number }[]>`
      SELECT pr."externalId" AS "promptId", s.name AS system, r."selfNames" AS phrases, (count(*) OVER ())::int AS total
        FROM "Response" r JOIN "Prompt" pr ON pr.id = r."promptId" JOIN "System" s ON s.id = r."systemId"
       WHERE pr."studyId" = ${studyId} AND cardinality(r."selfNames") > 0
       ORDER BY pr.position, s.position
       LIMIT ${LISTED_SELF_NAMING}`,
  ]);
  return { mode: study.selfNaming, count: answers[0]?.total ?? 0, answers: answers.map(({ promptId, system, phrases }) => ({ promptId, system, phrases })) };
}

/** Shows such answers as they are, or with the names hidden; recorded in the study's history. */
export async function setSelfNamingMode(studyId: string, mode: SelfNaming, actorId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const [study] = await tx.$queryRaw<{ status: string; selfNaming: SelfNaming }[]>`SELECT status, "selfNaming" FROM "Study" WHERE id = ${studyId} FOR UPDATE`;
    if (!study) throw new AppError("not_found", "That study does not exist.");
    if (study.status === "closed") throw new AppError("conflict", "This study is closed: what its raters were shown is final.");
    if (study.selfNaming === mode) return;
    await tx.study.update({ where: { id: studyId }, data: { selfNaming: mode } });
    await tx.studyEvent.create({ data: { studyId, actorId, what: "answers naming their writer", before: study.selfNaming, after: mode } });
  });
}

const BATCH = 1000;

/** Scans every answer of the study again with the current list and the study's systems; how many name their writer. */
export async function rescanSelfNaming(studyId: string): Promise<number> {
  const systemNames = (await db().system.findMany({ where: { studyId }, select: { name: true } })).map((system) => system.name);
  let after = "";
  let found = 0;
  for (;;) {
    const batch = await db().$queryRaw<{ id: string; text: string; turns: string[] | null; selfNames: string[] | null }[]>`
      SELECT r.id, r.text, r.turns, r."selfNames" FROM "Response" r JOIN "Prompt" pr ON pr.id = r."promptId"
       WHERE pr."studyId" = ${studyId} AND r.id > ${after} ORDER BY r.id LIMIT ${BATCH}`;
    if (batch.length === 0) return found;
    const changed = batch
      .map((response) => ({ id: response.id, before: response.selfNames ?? [], phrases: selfNamingPhrases(response.turns ? [response.text, ...response.turns] : [response.text], systemNames) }))
      .filter((response) => {
        if (response.phrases.length) found += 1;
        return response.phrases.join("\u0000") !== response.before.join("\u0000");
      });
    if (changed.length) {
      await db().$executeRaw`
        UPDATE "Response" r SET "selfNames" = ARRAY(SELECT jsonb_array_elements_text(c.phrases))
          FROM jsonb_to_recordset(${JSON.stringify(changed.map(({ id, phrases }) => ({ id, phrases })))}::jsonb) AS c(id text, phrases jsonb)
         WHERE r.id = c.id`;
    }
    after = batch[batch.length - 1].id;
  }
}
