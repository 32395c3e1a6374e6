// The one helper of every server action, on the real database: who may, the study by its slug,
// the fields' problems in one shape, refusals said, and Next's redirects and 404s let through.
// Only what Next gives a request (the session, the headers, the cache) is stood in for.
import { getServerSession } from "next-auth";
import { revalidatePath } from "next/cache";
import { getURLFromRedirectError } from "next/dist/client/components/redirect";
import { redirect } from "next/navigation";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { makeUser, seedStudy, type SeededStudy } from "@/lib/testing/seed-study";
import { formAction, plainFormAction, problemsOf, UNREADABLE } from "./form-action";
import { readRefusal } from "./refusal";

const request = vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET ??= "a test secret of at least thirty-two characters";
  return { referer: null as string | null };
});

vi.mock("next-auth", async (original) => ({ ...(await original<typeof import("next-auth")>()), getServerSession: vi.fn() }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(request.referer ? { referer: request.referer } : {}), cookies: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

type User = Awaited<ReturnType<typeof makeUser>>;
let researcher: User;
let rater: User;
let stranger: User;
let study: SeededStudy;

const signedInAs = (user: User | null) =>
  vi.mocked(getServerSession).mockResolvedValue(user ? { user: { id: user.id, ver: 0 }, expires: "" } : null);

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) data.append(name, one);
  return data;
};

/** Where the promise redirected to (a Next redirect, thrown); fails if it did not. */
async function redirectedTo(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  const url = error instanceof Error ? getURLFromRedirectError(error as Parameters<typeof getURLFromRedirectError>[0]) : null;
  if (!url) throw new Error(`expected a redirect, got ${String(error)}`);
  return url;
}

const researchers = ["researcher", "admin"] as const;
const named = z.object({ name: z.string().trim().min(3, "must be at least 3 characters").regex(/^[a-z ]+$/, "only lower-case letters") });

beforeAll(async () => {
  [researcher, rater, stranger] = await Promise.all([makeUser("researcher"), makeUser("rater"), makeUser("researcher")]);
  study = await seedStudy({ prompts: 1, createdById: researcher.id });
});

beforeEach(() => {
  request.referer = null;
  vi.mocked(revalidatePath).mockClear();
});

describe("problemsOf", () => {
  it("keeps each field's first problem, keyed by its path joined with '.', and a problem of the whole as the error", () => {
    const schema = z.object({
      name: z.string().min(3, "first").regex(/^[a-z]+$/, "second"),
      scale: z.object({ min: z.number().min(0, "at least 0"), max: z.number().max(5, "at most 5") }),
      tags: z.array(z.string().max(3, "short")),
    });
    const parsed = schema.safeParse({ name: "A", scale: { min: -1, max: 9 }, tags: ["ok", "too long"] });
    expect(problemsOf(parsed.error!)).toEqual({ fieldErrors: { name: "first", "scale.min": "at least 0", "scale.max": "at most 5", "tags.1": "short" } });
    expect(problemsOf(z.object({}).refine(() => false, "not as a whole").safeParse({}).error!)).toEqual({ error: "not as a whole" });
  });
});

describe("formAction", () => {
  it("sends a user of another role to their own home, and a signed-out visitor to sign in, without the work", async () => {
    const work = vi.fn();
    signedInAs(rater);
    expect(await redirectedTo(formAction(form({ slug: study.slug }), { who: researchers, on: "study", work }))).toBe("/rate");
    signedInAs(null);
    expect(await redirectedTo(formAction(form({ slug: study.slug }), { who: researchers, on: "study", work }))).toBe("/sign-in");
    expect(work).not.toHaveBeenCalled();
  });

  it("refuses a slug that is no slug without looking it up, and one of a study the user may not open", async () => {
    const work = vi.fn();
    signedInAs(researcher);
    expect(await formAction(form({ slug: "Not a slug!" }), { who: researchers, on: "study", work })).toEqual({ error: UNREADABLE });
    expect(await formAction(form({}), { who: researchers, on: "study", unreadable: "That change is not valid.", work })).toEqual({ error: "That change is not valid." });
    signedInAs(stranger);
    expect(await formAction(form({ slug: study.slug }), { who: researchers, on: "study", work })).toEqual({ error: `No study with the slug "${study.slug}".` });
    expect(work).not.toHaveBeenCalled();
  });

  it("answers the fields' problems in one shape, with what was typed kept, or the unreadable message", async () => {
    signedInAs(researcher);
    const work = vi.fn();
    expect(await formAction(form({ slug: study.slug, name: "A" }), { who: researchers, on: "study", schema: named, keep: ["name"], work })).toEqual({
      fieldErrors: { name: "must be at least 3 characters" },
      values: { name: "A" },
    });
    expect(await formAction(form({ name: "A" }), { who: researchers, on: "nothing", schema: named, unreadable: "Not readable.", work })).toEqual({ error: "Not readable." });
    expect(work).not.toHaveBeenCalled();
  });

  it("says an AppError's message, or puts it on the field it is about; rethrows anything else", async () => {
    signedInAs(researcher);
    const refuse = async () => {
      throw new AppError("conflict", "Taken already.");
    };
    expect(await formAction(form({ slug: study.slug }), { who: researchers, on: "study", work: refuse })).toEqual({ error: "Taken already." });
    expect(await formAction(form({ name: "some name" }), { who: researchers, on: "nothing", schema: named, refusedField: "name", keep: ["name"], work: refuse })).toEqual({
      fieldErrors: { name: "Taken already." },
      values: { name: "some name" },
    });
    const broken = formAction(form({}), { who: researchers, on: "nothing", work: async () => Promise.reject(new Error("a bug")) });
    await expect(broken).rejects.toThrow("a bug");
  });

  it("does the work with the user, the study and the fields read; done is ok, or what the work said", async () => {
    signedInAs(researcher);
    const work = vi.fn(async () => {});
    expect(await formAction(form({ slug: study.slug, name: " some name " }), { who: researchers, on: "study", schema: named, work })).toEqual({ ok: true });
    expect(work).toHaveBeenCalledWith({ user: expect.objectContaining({ id: researcher.id, role: "researcher" }), study: expect.objectContaining({ id: study.id, slug: study.slug }), data: { name: "some name" } });
    const made = await formAction(form({ name: "another" }), { who: researchers, on: "nothing", schema: named, work: async ({ data }) => ({ ok: true, value: data.name, message: "Made." }) });
    expect(made).toEqual({ ok: true, value: "another", message: "Made." });
  });

  it("lets the work's redirect through, and takes an object as well as a form, open to anyone", async () => {
    signedInAs(null);
    expect(await redirectedTo(formAction(form({ name: "abc" }), { who: "anyone", on: "nothing", schema: named, work: async () => redirect("/elsewhere") }))).toBe("/elsewhere");
    const work = vi.fn(async ({ user }: { user: null }) => ({ ok: true as const, message: String(user) }));
    expect(await formAction({ name: "abc" }, { who: "anyone", on: "nothing", schema: named, work })).toEqual({ ok: true, message: "null" });
    expect(await formAction("not an object", { who: "anyone", on: "nothing", schema: named, unreadable: UNREADABLE, work })).toEqual({ error: UNREADABLE });
  });
});

describe("plainFormAction", () => {
  const settings = () => `/studies/${study.slug}/settings`;

  it("does the work and revalidates the page, without a redirect", async () => {
    signedInAs(researcher);
    const work = vi.fn(async () => {});
    await expect(plainFormAction(form({ slug: study.slug, name: "abc" }), { who: researchers, on: "study", schema: named, page: settings, work })).resolves.toBeUndefined();
    expect(work).toHaveBeenCalledWith(expect.objectContaining({ data: { name: "abc" }, study: expect.objectContaining({ id: study.id }) }));
    expect(revalidatePath).toHaveBeenCalledWith(settings());
  });

  it("sends a refusal back to the page, signed, with the query the page had; never to another page", async () => {
    signedInAs(researcher);
    const refuse = async () => {
      throw new AppError("not_found", "That researcher is not on this study.");
    };
    request.referer = `http://localhost:3000${settings()}?tab=people`;
    const back = new URL(await redirectedTo(plainFormAction(form({ slug: study.slug }), { who: researchers, on: "study", page: settings, work: refuse })), "http://x");
    expect(back.pathname).toBe(settings());
    expect(back.searchParams.get("tab")).toBe("people");
    const search = Object.fromEntries(back.searchParams);
    expect(readRefusal(settings(), search)).toBe("That researcher is not on this study.");
    expect(revalidatePath).toHaveBeenCalledWith(settings());
    // Words a link made up, or a refusal of another page, are not shown.
    expect(readRefusal(settings(), { ...search, refused: "Call this number." })).toBeNull();
    expect(readRefusal(`/studies/${study.slug}`, search)).toBeNull();

    request.referer = "http://localhost:3000/somewhere/else?x=1";
    expect(await redirectedTo(plainFormAction(form({ slug: study.slug }), { who: researchers, on: "study", page: settings, work: refuse }))).toMatch(
      new RegExp(`^${settings()}\\?refused=`),
    );
  });

  it("clears the refusal the page shows once an action is done", async () => {
    signedInAs(researcher);
    request.referer = `http://localhost:3000${settings()}?tab=people&refused=Old.&refusedCheck=abc`;
    expect(await redirectedTo(plainFormAction(form({ slug: study.slug }), { who: researchers, on: "study", page: settings, work: async () => {} }))).toBe(`${settings()}?tab=people`);
  });

  it("refuses fields that are not the form's, 404s a slug of no study the user may open, and rethrows what is not a refusal", async () => {
    signedInAs(researcher);
    const work = vi.fn();
    const refused = await redirectedTo(plainFormAction(form({ slug: study.slug, name: "A" }), { who: researchers, on: "study", schema: named, page: settings, work }));
    expect(readRefusal(settings(), Object.fromEntries(new URL(refused, "http://x").searchParams))).toBe(UNREADABLE);
    for (const slug of ["Not a slug!", "no-such-study"]) {
      await expect(plainFormAction(form({ slug }), { who: researchers, on: "study", page: settings, work })).rejects.toMatchObject({ digest: expect.stringContaining("404") });
    }
    signedInAs(stranger);
    await expect(plainFormAction(form({ slug: study.slug }), { who: researchers, on: "study", page: settings, work })).rejects.toMatchObject({ digest: expect.stringContaining("404") });
    signedInAs(rater);
    expect(await redirectedTo(plainFormAction(form({ slug: study.slug }), { who: researchers, on: "study", page: settings, work }))).toBe("/rate");
    expect(work).not.toHaveBeenCalled();
    signedInAs(researcher);
    await expect(plainFormAction(form({ slug: study.slug }), { who: researchers, on: "study", page: settings, work: async () => Promise.reject(new Error("a bug")) })).rejects.toThrow("a bug");
  });
});
