// Reading an LLM judge's answer. The judge is asked for one of the raters' three options; models
// answer in many shapes ("Answer A is significantly better.", "**Verdict: B**", a paragraph of
// reasons ending in a choice, JSON). The parser accepts an answer only when it names exactly one
// option; anything else is recorded as unparseable, never guessed, so that the agreement figures
// rest only on what the judge actually said.
import type { Choice } from "@/lib/assign/policy";

export type ParsedVerdict = { choice: Choice } | { unparseable: string };

// The raters' own options, as the default judge prompt lists them.
const OPTION_PHRASES: [RegExp, Choice][] = [
  [/\banswer\s*a\s+is\s+(?:significantly\s+)?better\b/gi, "left"],
  [/\banswer\s*b\s+is\s+(?:significantly\s+)?better\b/gi, "right"],
  [/\bneither\s+(?:answer\s+)?is\s+(?:significantly\s+)?better\b/gi, "neither"],
];

// A labelled short answer, "Verdict: A", "Final answer - Neither", "Choice: (B)".
const LABELLED = /\b(?:verdict|final\s+answer|answer|choice|decision|winner|better\s+answer)\s*[:=-]\s*\**\s*[("'[]?\s*(a|b|neither|tie|none)\b/gi;

const LETTER: Record<string, Choice> = { a: "left", b: "right", neither: "neither", tie: "neither", none: "neither" };

function distinct(choices: Choice[]): Choice | "conflict" | undefined {
  const set = new Set(choices);
  if (set.size === 0) return undefined;
  return set.size === 1 ? choices[0] : "conflict";
}

/** The choice a JSON answer gives in a field named like a verdict, if it is JSON with one. */
function fromJson(text: string): Choice | "conflict" | undefined {
  const match = text.match(/\{[\s\S]*\}/);
  if (!match) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(match[0]);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  for (const key of ["verdict", "choice", "answer", "winner", "better"]) {
    const field = (value as Record<string, unknown>)[key];
    if (typeof field !== "string") continue;
    const word = field.trim().toLowerCase().replace(/^answer\s+/, "");
    if (word in LETTER) return LETTER[word];
    return parseVerdictText(field).choice ?? "conflict";
  }
  return undefined;
}

function parseVerdictText(text: string): { choice?: Choice } {
  const phrases = OPTION_PHRASES.flatMap(([pattern, choice]) => [...text.matchAll(pattern)].map(() => choice));
  const byPhrase = distinct(phrases);
  if (byPhrase && byPhrase !== "conflict") return { choice: byPhrase };
  const labelled = distinct([...text.matchAll(LABELLED)].map((match) => LETTER[match[1].toLowerCase()]));
  if (labelled && labelled !== "conflict") return { choice: labelled };
  // A bare one-word answer: "A", "B.", "Neither".
  const bare = text.trim().toLowerCase().replace(/[^a-z]/g, "");
  if (bare in LETTER) return { choice: LETTER[bare] };
  return {};
}

/**
 * The judge's choice in the order it was shown the pair (left = the answer shown as A), or why
 * none could be read.
 */
export function parseVerdict(answer: string): ParsedVerdict {
  const text = answer.trim();
  if (!text) return { unparseable: "empty answer" };
  const json = fromJson(text);
  if (json === "conflict") return { unparseable: "the JSON answer names no single option" };
  if (json) return { choice: json };
  const { choice } = parseVerdictText(text);
  if (choice) return { choice };
  return { unparseable: "names none of the three options, or more than one" };
}
