// A refusal carried back to the page a plain form (a button's) was posted from, which has no
// state to show it in: in the page's query, signed with the app's secret, so that the page shows
// only what one of its own actions said, never words a link made up.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/env";

const MESSAGE = "refused";
const CHECK = "refusedCheck";

const checkOf = (path: string, message: string) =>
  createHmac("sha256", authSecret()).update(`refusal\u0000${path}\u0000${message}`).digest("base64url").slice(0, 22);

const pathOf = (url: URL) => `${url.pathname}${url.search}`;

/** The page (a path and its query) with the refusal in its query, in place of any earlier one. */
export function withRefusal(page: URL, message: string): string {
  const url = new URL(page);
  url.searchParams.set(MESSAGE, message);
  url.searchParams.set(CHECK, checkOf(url.pathname, message));
  return pathOf(url);
}

/** Whether the page's address holds a refusal (one an action sent back earlier). */
export const hasRefusal = (page: URL) => page.searchParams.has(MESSAGE) || page.searchParams.has(CHECK);

/** The page's address without its refusal, the rest of its query kept. */
export function withoutRefusal(page: URL): string {
  const url = new URL(page);
  url.searchParams.delete(MESSAGE);
  url.searchParams.delete(CHECK);
  return pathOf(url);
}

/** For the page at `path`: the refusal an action sent it back with, or null (none, or not the app's). */
export function readRefusal(path: string, search: Record<string, string | string[] | undefined>): string | null {
  const message = search[MESSAGE];
  const check = search[CHECK];
  if (typeof message !== "string" || typeof check !== "string") return null;
  const expected = Buffer.from(checkOf(path, message));
  const given = Buffer.from(check);
  return given.length === expected.length && timingSafeEqual(given, expected) ? message : null;
}
