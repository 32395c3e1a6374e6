// Sends signed-out visitors to sign-in. It only redirects: every page, action and route handler
// checks the user's role itself on the server.
import { withAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent } from "next/server";
import type { NextRequestWithAuth } from "next-auth/middleware";

const redirectSignedOut = withAuth({ pages: { signIn: "/sign-in" } });

/** Whether every percent-escape in the path decodes; Next would fail on one that does not with a 500. */
function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export function proxy(request: NextRequestWithAuth, event: NextFetchEvent) {
  if (!decodable(request.nextUrl.pathname)) {
    return Response.json({ error: "The address is not valid: it holds a malformed %-escape." }, { status: 400 });
  }
  // The API's routes answer a signed-out client 401 in JSON, which a script can act on, rather
  // than redirecting it to a form.
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
  return redirectSignedOut(request, event);
}

export const config = {
  // Everything but sign-in, invitation and crowd links (open to anyone who has one), next-auth's
  // own routes, health, and static files.
  matcher: ["/((?!sign-in|invite/|crowd/|api/auth|api/health|_next/static|_next/image|favicon.ico).*)"],
};
