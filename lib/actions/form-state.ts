// What every server action of a form answers, in one shape, so that each form reads the same
// fields: client components import these types from here, never from app/.

/** What a form's server action said. Nothing set: not sent yet. */
export interface FormState<T = never> {
  /** Done as asked. */
  ok?: true;
  /** What was done, in the action's own words (shown beside the form). */
  message?: string;
  /** What the action made or chose, for the form to use: who was added, where to go next. */
  value?: T;
  /** Refused: why, for the form as a whole. */
  error?: string;
  /** Refused: why, per field; the first problem of each, keyed by the field's path joined with ".". */
  fieldErrors?: Record<string, string>;
  /** After a refusal, what was typed in the fields the action keeps (never a password), to show again. */
  values?: Record<string, string>;
}

/** A server action for `useActionState`. */
export type FormAction<T = never> = (previous: FormState<T>, form: FormData) => Promise<FormState<T>>;

/** A server action for a plain `<form action>` (a button's): a refusal comes back to the page. */
export type PlainFormAction = (form: FormData) => Promise<void>;
