import { seededRandom } from "@/lib/random";

// Placeholder responses for the demo study. No real LIMA or baseline outputs are public for the
// test prompts, so every demo response says plainly that it is placeholder text. They vary in
// length and shape (paragraphs, lists, code) so the rater's view looks like a real study's.

const OPENINGS = [
  "Here is a short answer to your question.",
  "Good question. Let me walk through it step by step.",
  "There are a few things worth considering here.",
  "The short version: it depends on what you need most.",
  "I'll start with the most important point and then add detail.",
];

const PARAGRAPHS = [
  "Start by stating the goal precisely, because most of the difficulty disappears once it is clear what a good outcome looks like.",
  "A common mistake is to optimise the first thing that comes to mind rather than the thing that matters; it is worth a minute to check.",
  "If you have constraints of time or money, write them down first: they rule out options quickly and make the rest easier to compare.",
  "Experts tend to disagree less about the basics than the internet suggests; the disagreements are mostly about edge cases.",
  "When in doubt, try the simplest version first, see where it falls short, and only then add complexity.",
  "It also helps to ask someone who has done it before: a ten-minute conversation often saves days of reading.",
];

const LIST_ITEMS = [
  "Be specific about what you want.",
  "Check the assumptions behind each option.",
  "Compare the costs, not only the benefits.",
  "Keep a record of what you tried.",
  "Revisit the decision after a week.",
  "Ask for feedback early.",
];

const CODE = "```python\ndef answer(question: str) -> str:\n    # Placeholder code in a demo response.\n    return question.strip().capitalize()\n```";

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)];
}

/** n different items, in random order. */
function sample<T>(items: readonly T[], n: number, random: () => number): T[] {
  const pool = [...items];
  return Array.from({ length: n }, () => pool.splice(Math.floor(random() * pool.length), 1)[0]);
}

export const DEMO_MARKER = "*Demo response: placeholder text, not the output of any model.*";

export function demoResponse(promptNumber: number, systemNumber: number): string {
  const random = seededRandom(promptNumber * 7919 + systemNumber * 104_729);
  const parts = [DEMO_MARKER, pick(OPENINGS, random)];
  parts.push(...sample(PARAGRAPHS, 1 + Math.floor(random() * 3), random));
  if (random() < 0.5) {
    const items = sample(LIST_ITEMS, 2 + Math.floor(random() * 3), random);
    parts.push(items.map((item, i) => `${i + 1}. ${item}`).join("\n"));
  }
  if (random() < 0.15) parts.push(CODE);
  return parts.join("\n\n");
}
