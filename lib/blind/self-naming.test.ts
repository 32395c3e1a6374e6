import { describe, expect, it } from "vitest";
import { findSelfNaming, hideSelfNaming, selfNamingPhrases } from "./self-naming";

const phrases = (text: string, systems: string[] = []) => findSelfNaming(text, systems).map((naming) => naming.phrase);

describe("findSelfNaming", () => {
  it("finds answers that say which model or maker wrote them, in markdown, quotes, any case and punctuation", () => {
    expect(phrases("As ChatGPT, a model by OpenAI, I can't browse the web.")).toEqual(["ChatGPT", "OpenAI"]);
    expect(phrases("I'm Claude, made by Anthropic. Here's a recipe:\n\n1. Preheat the oven.")).toEqual(["I'm Claude", "Anthropic"]);
    expect(phrases("**I am Bard**, a large language model from Google.")).toEqual(["I am Bard"]);
    expect(phrases("> As an AI language model, I don't have personal opinions.")).toEqual(["As an AI language model"]);
    expect(phrases("i’m an ai, so I can't feel hunger.")).toEqual(["i’m an ai"]);
    expect(phrases("Sure! (Note: I was trained by Google and may be wrong.)")).toEqual(["I was trained by Google"]);
    expect(phrases("My name is LLaMA and I'm here to help.")).toEqual(["My name is LLaMA"]);
    expect(phrases("Hello! This is Bing Chat. What can I do?")).toEqual(["Bing Chat"]);
    expect(phrases("Gemini, an AI assistant built by Google DeepMind, answers:")).toEqual(["Gemini, an AI", "Google DeepMind"]);
    expect(phrases("I'm based on GPT-4.")).toEqual(["GPT-4"]);
    expect(phrases("\"As Claude,\" I would say: no.")).toEqual([]);
    expect(phrases("Answer:\nAs Claude, I would say no.")).toEqual(["As Claude"]);
    expect(phrases("As of my knowledge cutoff, CHATGPT-style models...")).toEqual([]);
  });

  it("finds the study's own systems: a model-like id anywhere, a plain word where the answer speaks of itself", () => {
    expect(phrases("Greetings from alpaca-65b-ft!", ["alpaca-65b-ft", "Orca"])).toEqual(["alpaca-65b-ft"]);
    expect(phrases("I am Orca, your helper.", ["Orca"])).toEqual(["I am Orca"]);
    expect(phrases("Orcas are whales; an orca can swim fast.", ["Orca"])).toEqual([]);
  });

  it("raises no alarm on ordinary words", () => {
    const ordinary = [
      "Claude Monet painted water lilies; the bard of Avon wrote Hamlet.",
      "Lima is the capital of Peru, and llamas and alpacas live in the Andes.",
      "A falcon can dive at 300 km/h. The mistral is a cold wind in France.",
      "Search Google or ask on Meta's forums; Microsoft Word can also do it.",
      "People born under Gemini are said to be curious. Vicuñas are related to camels.",
      "Companies such as Google, Amazon and Apple hire engineers. As Google says, test often.",
      "A language model predicts the next word. Large language models are trained on text.",
      "The palm of your hand. Pi is about 3.14159. Co-pilots fly planes.",
      "This phone was made by Apple and designed by a team at Stanford.",
      "GPT stands for generative pre-trained transformer.",
    ];
    for (const text of ordinary) expect(phrases(text), text).toEqual([]);
  });
});

describe("hideSelfNaming", () => {
  it("writes the neutral words in place of the names, and leaves the rest alone", () => {
    expect(hideSelfNaming("As ChatGPT, a model by OpenAI, I can't browse.")).toBe("As [assistant], a model by [company], I can't browse.");
    expect(hideSelfNaming("I'm Claude, made by Anthropic.")).toBe("I'm [assistant], made by [company].");
    expect(hideSelfNaming("As an AI language model, I have no opinions.")).toBe("As an assistant, I have no opinions.");
    expect(hideSelfNaming("I was trained by Google.")).toBe("I was trained by [company].");
    expect(hideSelfNaming("Lima is in Peru.")).toBe("Lima is in Peru.");
  });

  it("keeps each phrase once per answer, over its text and turns", () => {
    expect(selfNamingPhrases(["I'm Claude.", "As I said, I'm Claude.", "Fine."])).toEqual(["I'm Claude"]);
  });
});
