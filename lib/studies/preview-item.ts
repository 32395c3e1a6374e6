// An example item of a study as its raters would see it, for its researchers' preview: the same
// texts the rating page gets (self-naming hidden when the study hides it), read without a lease,
// so previewing hands nothing out and records nothing.
import "server-only";
import type { PairOnScreen } from "@/lib/assign/next-assignment";
import type { Turn } from "@/lib/assign/statements";
import { hideSelfNaming } from "@/lib/blind/self-naming";
import { db } from "@/lib/db";

export interface PreviewItem {
  /** The item on screen; its assignment id is no assignment's. */
  item: PairOnScreen;
  /** Which example this is, from 1, of how many items raters may be given. */
  number: number;
  of: number;
}

const asTurns = (value: unknown): string[] | null => (Array.isArray(value) ? value.map(String) : null);

/**
 * The study's `number`-th item raters may be given (in the order of its prompts), or the last
 * one when there are fewer; null when it has none. Odd examples show the target's answer as
 * answer A, even ones as answer B, as raters get them on either side.
 */
export async function previewItem(studyId: string, number: number): Promise<PreviewItem | null> {
  // As raters are given them: both systems active, not taken out by a review.
  const where = { studyId, active: true, removedAt: null };
  const [of, study] = await Promise.all([
    db().pair.count({ where }),
    db().study.findUniqueOrThrow({ where: { id: studyId }, select: { selfNaming: true, systems: { select: { name: true } } } }),
  ]);
  if (of === 0) return null;
  const shown = Math.min(Math.max(1, Math.floor(number) || 1), of);
  const [pair] = await db().pair.findMany({
    where,
    orderBy: [{ prompt: { position: "asc" } }, { id: "asc" }],
    skip: shown - 1,
    take: 1,
    select: {
      prompt: { select: { text: true, history: true } },
      targetResponse: { select: { text: true, turns: true, selfNames: true } },
      baselineResponse: { select: { text: true, turns: true, selfNames: true } },
    },
  });
  const names = study.systems.map((system) => system.name);
  // As a lease is stamped: names hidden in both answers when either names its writer.
  const redacted = study.selfNaming === "redact" && [pair.targetResponse, pair.baselineResponse].some((response) => (response?.selfNames.length ?? 0) > 0);
  const shownText = (value: string) => (redacted ? hideSelfNaming(value, names) : value);
  const answer = (response: { text: string; turns: unknown }) => ({ text: shownText(response.text), turns: asTurns(response.turns)?.map(shownText) ?? null });
  const assignmentId = `preview-${shown}`;
  const prompt = { text: pair.prompt.text, history: (Array.isArray(pair.prompt.history) ? pair.prompt.history : []) as Turn[] };
  const target = answer(pair.targetResponse);
  if (!pair.baselineResponse) return { item: { assignmentId, prompt, answer: target }, number: shown, of };
  const baseline = answer(pair.baselineResponse);
  const targetLeft = shown % 2 === 1;
  return { item: { assignmentId, prompt, left: targetLeft ? target : baseline, right: targetLeft ? baseline : target }, number: shown, of };
}
