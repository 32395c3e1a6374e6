// Sends signed-out visitors to sign-in. It only redirects: every page, action and route handler
// checks the user's role itself on the server.
import { withAuth } from "next-auth/middleware";
import type { NextFetchEvent } from "next/server";
import type { NextRequestWithAuth } from "next-auth/middleware";

const redirectSignedOut = withAuth({ pages: { signIn: "/sign-in" } });

export function proxy(request: NextRequestWithAuth, event: NextFetchEvent) {
  return redirectSignedOut(request, event);
}

export const config = {
  // Everything but sign-in, invitation and crowd links (open to anyone who has one), the API
  // (whose routes answer a signed-out client 401 in JSON, which a script can act on, rather than
  // redirecting it to a form), and static files.
  matcher: ["/((?!sign-in|invite/|crowd/|api/|_next/static|_next/image|favicon.ico).*)"],
};
