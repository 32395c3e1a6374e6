// The paper's dialogue study: a conversation, every assistant turn labelled Fail, Pass or
// Excellent in the light of the conversation before it.
import { BLIND, type KindWording } from "../kind";

export const WORDING: KindWording = {
  kind: "multiturn",
  label: "conversation turns",
  choice: "Label each assistant turn of a conversation as Fail, Pass or Excellent",
  heading: "New conversation study: every assistant turn labelled",
  item: { one: "conversation", many: "conversations" },
  raterTitle: "Label a conversation's turns",
  instructions: `You will see a conversation between a person and an AI assistant. Label every assistant turn, reading it as the person would, after the turns before it:

- **Fail**: it does not meet the requirements of the person's request
- **Pass**: it meets the requirements of the request
- **Excellent**: it is an excellent reply

${BLIND}`,
};
