// Names and phrases by which an answer can say which system wrote it: data, extended by adding
// to a list. "anywhere" entries are flagged wherever they stand as words. "selfReference" entries
// are also ordinary words (a poet, a city, a wind, an animal, a company in the news), so they are
// flagged only where the answer speaks of itself: "I am X", "I'm X", "my name is X", "As X," opening
// a sentence, "X, an AI assistant", or "... I was trained by X". Case is ignored. Each phrase is a
// regular expression whose first group is replaced, when the study hides these, by its replacement.
export const SELF_NAMING_TERMS = {
  models: {
    anywhere: [
      "ChatGPT", "GPT-4", "GPT-4o", "GPT-4 Turbo", "GPT-3.5", "GPT-3.5-turbo", "GPT-3", "GPT-J",
      "InstructGPT", "text-davinci-003", "text-davinci-002", "davinci-003", "DaVinci003", "Claude 2",
      "Claude 3", "Claude Instant", "LLaMA-2", "LLaMA 2", "Llama 3", "Llama-3", "Alpaca 65B", "Alpaca-65B",
      "PaLM 2", "LaMDA", "Bing Chat", "Mixtral", "DeepSeek", "Qwen", "Gemini Pro", "Gemini Ultra", "Bard AI",
      "Google Bard", "Vicuna-13B", "Koala-13B", "Dolly 2.0",
    ],
    selfReference: [
      "Claude", "Bard", "Gemini", "LLaMA", "Llama", "Alpaca", "LIMA", "Mistral", "Falcon", "Vicuna", "Koala",
      "Dolly", "Copilot", "Bing", "Sydney", "Grok", "PaLM",
    ],
  },
  makers: {
    anywhere: [
      "OpenAI", "Anthropic", "DeepMind", "Google DeepMind", "Google Brain", "Mistral AI", "Meta AI",
      "Stability AI", "Inflection AI", "Hugging Face", "EleutherAI", "Cohere",
    ],
    selfReference: [
      "Google", "Meta", "Facebook", "Microsoft", "Stanford", "Amazon", "Apple", "Baidu", "Alibaba",
      "Tsinghua", "Berkeley", "LMSYS",
    ],
  },
  phrases: [
    { pattern: String.raw`\b(?:as|i am|i'm|i’m)\s+an?\s+(ai(?:\s+powered)?\s+language\s+model|large\s+language\s+model|language\s+model|ai\s+model|ai\s+assistant|ai\s+chatbot|ai)\b`, replacement: "assistant" },
    { pattern: String.raw`\b(ai\s+language\s+model)\b`, replacement: "assistant" },
  ],
};
