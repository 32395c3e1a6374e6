import { cookies } from "next/headers";

/**
 * Sign-out as a plain form posted to next-auth, so no page pays for next-auth's client library.
 * next-auth checks the form's token against its CSRF cookie (set when the user signed in); should
 * that cookie be gone, it shows its own sign-out page to confirm instead.
 */
export async function SignOutButton() {
  const jar = await cookies();
  const cookie = jar.get("__Host-next-auth.csrf-token") ?? jar.get("next-auth.csrf-token");
  return (
    <form method="post" action="/api/auth/signout">
      <input type="hidden" name="csrfToken" value={cookie?.value.split("|")[0] ?? ""} />
      <input type="hidden" name="callbackUrl" value="/sign-in" />
      <button type="submit" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600">
        Sign out
      </button>
    </form>
  );
}
