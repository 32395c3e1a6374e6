// Finds where an answer names the system that wrote it (a model, its maker, a system of the
// study, or "as an AI language model"), which would tell a rater whose answer it is, and writes
// the neutral text raters see instead when the study hides them. Pure: the terms are data
// (self-naming-terms.ts), and the same function serves the importer, the study page and the
// rating view, so what is reported is what is hidden.
import { SELF_NAMING_TERMS as terms } from "@/lib/blind/self-naming-terms";

export interface SelfNaming {
  /** The words that gave it away, as written, with their context (for the report). */
  phrase: string;
  /** Where in the text the part that is replaced starts and ends. */
  start: number;
  end: number;
  replacement: string;
}

const MODEL = "[assistant]";
const MAKER = "[company]";

const escape = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/[\s-]+/g, "[\\s-]+");
/** Longest first, so that "GPT-4 Turbo" wins over "GPT-4". */
const alternation = (names: readonly string[]) => [...new Set(names)].sort((a, b) => b.length - a.length).map(escape).join("|");
// A word boundary that also holds next to "-" and digits inside names ("GPT-4", "Llama-3").
const word = (names: readonly string[]) => `(?<![\\w-])(${alternation(names)})(?![\\w-]|\\.\\d)`;

const APOSTROPHE = "['’]";
const SPEAKS_OF_ITSELF = `(?:\\bi\\s+am|\\bi${APOSTROPHE}m|\\bmy\\s+name\\s+is|\\bcall\\s+me|(?:^|[.!?]\\s+|\\n[\\s>*_#-]*)as)\\s+(?:the\\s+)?`;
const CALLS_ITSELF_AN_AI = `\\s*,?\\s+(?:an?|the|your)\\s+(?:[\\w-]+\\s+){0,3}?(?:ai|language\\s+model|assistant|chat\\s?bot|model)\\b`;
const MADE_BY = `\\b(?:i|i${APOSTROPHE}ve|i${APOSTROPHE}m|me|my|model|assistant|chatbot|ai)\\b[^.!?\\n]{0,80}?\\b(?:developed|created|trained|made|built|designed|programmed|released)\\s+by\\s+(?:the\\s+)?(?:(?:team|researchers|engineers|people)\\s+(?:at|of)\\s+)?`;

interface Rule {
  pattern: RegExp;
  replacement: string;
}

const rule = (source: string, replacement: string): Rule => ({ pattern: new RegExp(source, "gid"), replacement });

/** A study's system names: one that looks like a model's id ("alpaca-65b", "DaVinci003") anywhere, a plain word only where the answer speaks of itself. */
function splitSystemNames(systemNames: readonly string[]) {
  const named = systemNames.map((name) => name.trim()).filter((name) => name.length >= 3);
  const distinctive = (name: string) => /[\d_-]/.test(name) || /[a-z][A-Z]/.test(name);
  return { anywhere: named.filter(distinctive), selfReference: named.filter((name) => !distinctive(name)) };
}

const cache = new Map<string, Rule[]>();

function rulesFor(systemNames: readonly string[]): Rule[] {
  const key = systemNames.join("\u0000");
  const cached = cache.get(key);
  if (cached) return cached;
  const systems = splitSystemNames(systemNames);
  const selfModels = [...terms.models.selfReference, ...systems.selfReference];
  const rules = [
    rule(word([...terms.models.anywhere, ...systems.anywhere]), MODEL),
    rule(word(terms.makers.anywhere), MAKER),
    rule(`${SPEAKS_OF_ITSELF}${word(selfModels)}`, MODEL),
    rule(`${word(selfModels)}${CALLS_ITSELF_AN_AI}`, MODEL),
    rule(`${MADE_BY}${word(terms.makers.selfReference)}`, MAKER),
    ...terms.phrases.map((phrase) => rule(phrase.pattern, phrase.replacement)),
  ];
  // A study's systems rarely change; keep the few compiled sets there are.
  if (cache.size > 100) cache.clear();
  cache.set(key, rules);
  return rules;
}

/** Every place the text names its writer, in order, without overlaps. */
export function findSelfNaming(text: string, systemNames: readonly string[] = []): SelfNaming[] {
  const found: SelfNaming[] = [];
  for (const { pattern, replacement } of rulesFor(systemNames)) {
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) {
      const [start, end] = match.indices![1];
      found.push({ phrase: match[0].trim(), start, end, replacement });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: SelfNaming[] = [];
  for (const naming of found) if (kept.length === 0 || naming.start >= kept[kept.length - 1].end) kept.push(naming);
  return kept;
}

/** The text with every such name replaced by its neutral word; the stored text never changes. */
export function hideSelfNaming(text: string, systemNames: readonly string[] = []): string {
  let out = "";
  let at = 0;
  for (const naming of findSelfNaming(text, systemNames)) {
    out += text.slice(at, naming.start) + naming.replacement;
    at = naming.end;
  }
  return out + text.slice(at);
}

/** The distinct phrases of an answer (its text and its turns), as kept with the response. */
export function selfNamingPhrases(texts: readonly string[], systemNames: readonly string[] = []): string[] {
  return [...new Set(texts.flatMap((text) => findSelfNaming(text, systemNames).map((naming) => naming.phrase)))];
}
