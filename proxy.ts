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
  // An API path whose escapes decode: the route answers for itself.
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
  return redirectSignedOut(request, event);
}

export const config = {
  // Pages but sign-in, invitation and crowd links (open to anyone who has one) and static files.
  // The API only when its path holds a %-escape: its routes answer a signed-out client 401
  // themselves, and running the proxy on every rater request cost about 2 ms of CPU each
  // (bench/README.md, "The proxy and the API").
  matcher: ["/((?!sign-in|invite/|crowd/|api/|_next/static|_next/image|favicon.ico).*)", "/api/(.*%.*)"],
};
