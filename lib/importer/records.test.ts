import { describe, expect, it } from "vitest";
import { detectFormat, limaToPromptRow, limaToResponseRow, toPromptRow, toResponseRow } from "./records";

describe("detectFormat", () => {
  it("tells prompts, responses and LIMA's format apart by their fields", () => {
    expect(detectFormat({ id: "1", text: "t" }, undefined)).toEqual({ kind: "prompts", lima: false });
    expect(detectFormat({ prompt_id: "1", system: "X", response: "r" }, undefined)).toEqual({ kind: "responses", lima: false });
    expect(detectFormat({ id: "1", response: "r" }, "X")).toEqual({ kind: "responses", lima: false });
    expect(detectFormat({ conversations: "p" }, undefined)).toEqual({ kind: "prompts", lima: true });
    expect(detectFormat({ conversations: ["p", "a"] }, "X")).toEqual({ kind: "responses", lima: true });
    expect(detectFormat({ question: "?" }, undefined)).toBeUndefined();
  });
});

describe("toPromptRow", () => {
  it("takes numbers as ids and splits CSV tags", () => {
    expect(toPromptRow({ id: 7, prompt: "Why?", tags: "a; b,c" }, 100)).toEqual({
      ok: true,
      row: { externalId: "7", text: "Why?", history: null, source: null, tags: ["a", "b", "c"] },
    });
  });

  it("wants exactly one of text, prompt or conversation", () => {
    expect(toPromptRow({ id: "1", text: "a", prompt: "b" }, 100)).toEqual({ ok: false, errors: [{ field: "text", reason: "give exactly one of text, prompt or conversation" }] });
    expect(toPromptRow({ id: "1" }, 100)).toMatchObject({ ok: false });
  });

  it("wants a conversation to end with the user's turn", () => {
    const conversation = [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello" }];
    expect(toPromptRow({ id: "1", conversation }, 100)).toEqual({
      ok: false,
      errors: [{ field: "conversation", reason: "must end with a non-empty user turn, the one to answer" }],
    });
  });

  it("names unknown fields and bad roles", () => {
    expect(toPromptRow({ id: "1", text: "t", extra: 1, more: 2 }, 100)).toEqual({ ok: false, errors: [{ field: "extra, more", reason: "is not a known field" }] });
    expect(toPromptRow({ id: "1", conversation: [{ role: "system", content: "x" }] }, 100)).toEqual({
      ok: false,
      errors: [{ field: "conversation.0.role", reason: "must be user or assistant" }],
    });
  });
});

describe("toResponseRow", () => {
  it("refuses a line that names another system than its file", () => {
    expect(toResponseRow({ prompt_id: "1", system: "Bard", response: "r" }, 100, "Claude")).toEqual({
      ok: false,
      errors: [{ field: "system", reason: 'is "Bard", but this file was given as the responses of "Claude"' }],
    });
  });

  it("accepts the file's system and `id` as the prompt id in a one-system file", () => {
    expect(toResponseRow({ id: "3", output: "r" }, 100, "Claude")).toEqual({ ok: true, row: { promptId: "3", system: "Claude", text: "r", turns: null } });
  });

  it("takes a response's turns as the assistant's, and refuses a user turn among them", () => {
    const turns = [{ role: "assistant", content: "first" }, "second"];
    expect(toResponseRow({ prompt_id: "1", system: "X", turns }, 100)).toEqual({ ok: true, row: { promptId: "1", system: "X", text: "first\n\nsecond", turns: ["first", "second"] } });
    expect(toResponseRow({ prompt_id: "1", system: "X", turns: ["first", { role: "user", content: "and then?" }] }, 100)).toEqual({
      ok: false,
      errors: [{ field: "turns.1", reason: "is the user's: a response's turns are the assistant's (the user's turns belong in the prompt's history)" }],
    });
  });

  it("measures length in characters against the limit", () => {
    expect(toResponseRow({ prompt_id: "1", system: "X", response: "é".repeat(10) }, 10)).toMatchObject({ ok: true });
    expect(toResponseRow({ prompt_id: "1", system: "X", response: "é".repeat(11) }, 10)).toEqual({
      ok: false,
      errors: [{ field: "response", reason: "is longer than the limit of 10 characters" }],
    });
  });
});

describe("LIMA's format", () => {
  it("makes the line number the prompt id, the last user turn the prompt", () => {
    expect(limaToPromptRow({ conversations: ["q", "a", "follow-up"], source: "multi_turn" }, 12, 100)).toEqual({
      ok: true,
      row: { externalId: "12", text: "follow-up", history: [{ role: "user", content: "q" }, { role: "assistant", content: "a" }], source: "multi_turn", tags: [] },
    });
    expect(limaToPromptRow({ conversations: ["q", "a"] }, 1, 100)).toMatchObject({ ok: false });
  });

  it("reads a system's answer as the last turn", () => {
    expect(limaToResponseRow({ conversations: ["q", "the answer"] }, 4, 100, "LIMA")).toEqual({ ok: true, row: { promptId: "4", system: "LIMA", text: "the answer", turns: null } });
    expect(limaToResponseRow({ conversations: "q" }, 4, 100, "LIMA")).toMatchObject({ ok: false });
  });
});
