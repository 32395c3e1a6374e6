// The one way a server action handles a form: who may use it, what the form must hold (a schema
// of lib/validation), the study it acts on (named by the form's `slug`, checked as a slug, then
// against the user), and the work. An expected refusal (AppError) is said to the person; Next's
// own redirects and 404s pass through; anything else is rethrown. Not a "use server" module: the
// actions in app/ call these, each a few lines.
import "server-only";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { notFound, redirect, unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { requireRole, type SessionUser } from "@/lib/auth";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/db-errors";
import { AppError } from "@/lib/errors";
import { findStudyFor, requireStudyFor } from "@/lib/studies/study-access";
import { isSlug } from "@/lib/validation/study";
import type { FormState } from "./form-state";
import { hasRefusal, withoutRefusal, withRefusal } from "./refusal";

/** Said when the fields the person did not type (hidden ones, a button's) are not what the form sends. */
export const UNREADABLE = "That could not be read; please try again.";

/** Who may use an action: these roles (anyone else is sent to sign in, or to their own home), or anyone. */
export type Who = readonly SessionUser["role"][] | "anyone";
/** What the action acts on: the study the form's `slug` names, or nothing in particular. */
export type On = "study" | "nothing";

export type Study = Awaited<ReturnType<typeof requireStudyFor>>;

export interface ActionContext<Data, W extends Who, O extends On> {
  /** The signed-in user, of one of the roles allowed; null for an action open to anyone. */
  user: W extends "anyone" ? null : SessionUser;
  /** The form's fields, as the schema reads them. */
  data: Data;
  /** The study, which the user may open; null for an action on no study. */
  study: O extends "study" ? Study : null;
}

const NOTHING = z.object({});

interface ActionSpec<S extends z.ZodType, W extends Who, O extends On> {
  who: W;
  on: O;
  /** What the form must hold; left out, nothing (but the study's slug). */
  schema?: S;
  /** What the schema reads; by default the form's fields, each once. */
  fields?: (form: FormData) => unknown;
  /** Said in place of field errors (and of a slug that is no slug) when the fields are not typed by the person. */
  unreadable?: string;
}

export interface FormActionSpec<S extends z.ZodType, T, W extends Who, O extends On> extends ActionSpec<S, W, O> {
  /** Fields sent back after any refusal, to show again (what was typed; never a password). */
  keep?: readonly string[];
  /** The field an AppError of the work is about, when it is one field's (a slug taken, say). */
  refusedField?: string;
  /** The work: nothing returned means done ({ ok: true }). */
  work: (context: ActionContext<z.output<S>, W, O>) => Promise<FormState<T> | void>;
}

export interface PlainFormActionSpec<S extends z.ZodType, W extends Who, O extends On> extends ActionSpec<S, W, O> {
  /** The page the form is on: revalidated after the work, and where a refusal is shown. */
  page: (study: ActionContext<unknown, W, O>["study"]) => string;
  work: (context: ActionContext<z.output<S>, W, O>) => Promise<unknown>;
}

/** Each field's first problem, keyed by its path joined with "."; a problem of the whole input is the form's error. */
export function problemsOf(error: z.ZodError): Pick<FormState, "error" | "fieldErrors"> {
  const fields = new Map<string, string>();
  let whole: string | undefined;
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    if (!key) whole ??= issue.message;
    else if (!fields.has(key)) fields.set(key, issue.message);
  }
  return { ...(whole === undefined ? {} : { error: whole }), ...(fields.size ? { fieldErrors: Object.fromEntries(fields) } : {}) };
}

const fieldOf = (input: unknown, name: string): unknown =>
  input instanceof FormData ? input.get(name) : typeof input === "object" && input !== null ? (input as Record<string, unknown>)[name] : undefined;

function fieldsOf(input: unknown, fields?: (form: FormData) => unknown): unknown {
  if (!(input instanceof FormData)) return input;
  return fields ? fields(input) : Object.fromEntries(input);
}

const signedIn = async (who: Who) => (who === "anyone" ? null : requireRole(...who));

/**
 * A form's action for `useActionState`: the state it answers is one of field errors, an error, or
 * done (what the work returned). `input` is the posted form, or (for actions called with
 * arguments) the object sent.
 */
export async function formAction<S extends z.ZodType = typeof NOTHING, T = never, W extends Who = Who, O extends On = On>(
  input: unknown,
  spec: FormActionSpec<S, T, W, O>,
): Promise<FormState<T>> {
  const refused = (state: FormState<T>): FormState<T> =>
    spec.keep ? { ...state, values: Object.fromEntries(spec.keep.map((name) => [name, String(fieldOf(input, name) ?? "")])) } : state;
  try {
    // Inside, so that a database that cannot be reached while signing in is said so too.
    const user = await signedIn(spec.who);
    let study: Study | null = null;
    if (spec.on === "study") {
      const slug = fieldOf(input, "slug");
      if (!user || typeof slug !== "string" || !isSlug(slug)) return refused({ error: spec.unreadable ?? UNREADABLE });
      study = await requireStudyFor(slug, user);
    }
    const parsed = (spec.schema ?? NOTHING).safeParse(fieldsOf(input, spec.fields));
    if (!parsed.success) return refused(spec.unreadable ? { error: spec.unreadable } : problemsOf(parsed.error));
    const context = { user, data: parsed.data, study } as ActionContext<z.output<S>, W, O>;
    const state = (await spec.work(context)) ?? { ok: true };
    return state.ok ? state : refused(state);
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof AppError) return refused(spec.refusedField ? { fieldErrors: { [spec.refusedField]: error.userMessage } } : { error: error.userMessage });
    if (isDatabaseUnavailable(error)) return refused({ error: DATABASE_UNAVAILABLE_MESSAGE });
    throw error;
  }
}

/** The page the form was posted from, with its query (a results filter, say); only ever `page` itself. */
async function postedFrom(page: string): Promise<URL> {
  const base = "http://app.invalid";
  const referer = (await headers()).get("referer");
  const from = referer && URL.canParse(referer) ? new URL(referer) : null;
  return new URL(from && from.pathname === page ? `${from.pathname}${from.search}` : page, base);
}

/**
 * A plain `<form action>`'s action (a button's), which has no state to answer: the page is
 * revalidated as before, and a refusal sends the person back to it with the refusal in its
 * address, which the page shows (lib/actions/refusal.ts); the next action done clears it. A slug
 * that names no study the user may open is a 404, as the page itself would be.
 */
export async function plainFormAction<S extends z.ZodType = typeof NOTHING, W extends Who = Who, O extends On = On>(
  form: FormData,
  spec: PlainFormActionSpec<S, W, O>,
): Promise<void> {
  const user = await signedIn(spec.who);
  let study: Study | null = null;
  if (spec.on === "study") {
    const slug = form.get("slug");
    study = (user && typeof slug === "string" && isSlug(slug) ? await findStudyFor(slug, user) : null) ?? notFound();
  }
  const page = spec.page(study as ActionContext<unknown, W, O>["study"]);
  const parsed = (spec.schema ?? NOTHING).safeParse(fieldsOf(form, spec.fields));
  let refusal: string | null = null;
  if (!parsed.success) refusal = spec.unreadable ?? UNREADABLE;
  else {
    try {
      await spec.work({ user, data: parsed.data, study } as ActionContext<z.output<S>, W, O>);
    } catch (error) {
      unstable_rethrow(error);
      if (!(error instanceof AppError)) throw error;
      refusal = error.userMessage;
    }
  }
  // Refused too: a refusal often comes from a page gone stale (someone already removed, say).
  revalidatePath(page);
  const back = await postedFrom(page);
  if (refusal !== null) redirect(withRefusal(back, refusal));
  if (hasRefusal(back)) redirect(withoutRefusal(back));
}
