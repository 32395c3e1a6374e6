// An example item of a study as its raters would see it, for its researchers' preview (and for
// a crowd platform's preview of the task): the same texts the rating page gets (self-naming
// hidden when the study hides it), read without a lease, so previewing hands nothing out and
// records nothing.
import "server-only";
import type { PairOnScreen } from "@/lib/assign/next-assignment";
import type { Side } from "@/lib/assign/policy";
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
 * answer A, even ones as answer B, as raters get them on either side, unless `targetSide` says.
 * `ordinaryOnly` leaves gold pairs out.
 */
export async function previewItem(studyId: string, number: number, { targetSide, ordinaryOnly = false }: { targetSide?: Side; ordinaryOnly?: boolean } = {}): Promise<PreviewItem | null> {
  // As raters are given them: both systems active, not taken out by a review; for a public
  // preview, no gold pair, which would then come to a rater already seen.
  const where = { studyId, active: true, removedAt: null, ...(ordinaryOnly ? { goldVerdict: null } : {}) };
  const of = await db().pair.count({ where });
  if (of === 0) return null;
  const shown = Math.min(Math.max(1, Math.floor(number) || 1), of);
  const [pair] = await db().pair.findMany({ where, orderBy: [{ prompt: { position: "asc" } }, { id: "asc" }], skip: shown - 1, take: 1, select: { id: true } });
  return { item: await itemOnScreen(pair.id, targetSide ?? (shown % 2 === 1 ? "left" : "right"), `preview-${shown}`), number: shown, of };
}

/**
 * A pair as a rater sees it with the target on `targetSide`, outside any assignment (a preview, a
 * training item): the texts the rating page gets, self-naming hidden when the study hides it.
 * `assignmentId` is what the screen is called, no assignment's.
 */
export async function itemOnScreen(pairId: string, targetSide: Side, assignmentId: string): Promise<PairOnScreen> {
  const pair = await db().pair.findUniqueOrThrow({
    where: { id: pairId },
    select: {
      study: { select: { selfNaming: true, systems: { select: { name: true } } } },
      prompt: { select: { text: true, history: true } },
      targetResponse: { select: { text: true, turns: true, selfNames: true } },
      baselineResponse: { select: { text: true, turns: true, selfNames: true } },
    },
  });
  const names = pair.study.systems.map((system) => system.name);
  // As a lease is stamped: names hidden in both answers when either names its writer.
  const redacted = pair.study.selfNaming === "redact" && [pair.targetResponse, pair.baselineResponse].some((response) => (response?.selfNames.length ?? 0) > 0);
  const shownText = (value: string) => (redacted ? hideSelfNaming(value, names) : value);
  const answer = (response: { text: string; turns: unknown }) => ({ text: shownText(response.text), turns: asTurns(response.turns)?.map(shownText) ?? null });
  const prompt = { text: pair.prompt.text, history: (Array.isArray(pair.prompt.history) ? pair.prompt.history : []) as Turn[] };
  const target = answer(pair.targetResponse);
  if (!pair.baselineResponse) return { assignmentId, prompt, answer: target };
  const baseline = answer(pair.baselineResponse);
  return { assignmentId, prompt, left: targetSide === "left" ? target : baseline, right: targetSide === "left" ? baseline : target };
}

/** An example for anyone holding the study's link (a crowd platform's preview): an ordinary pair, the target's side drawn. */
export function publicExample(studyId: string): Promise<PreviewItem | null> {
  return previewItem(studyId, 1, { targetSide: Math.random() < 0.5 ? "left" : "right", ordinaryOnly: true });
}
