// Runs before every page: a Content-Security-Policy with a nonce of this request's for scripts
// (Next puts it on its own), and a redirect to sign-in for signed-out visitors of pages that need
// an account. It only redirects: every page, action and route handler checks the user's role
// itself on the server.
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { MTURK_WORKER_ORIGINS } from "@/lib/crowd/mturk";
import { FRAMEABLE_PATH, pageSecurityPolicy } from "@/lib/security-headers";

/** Pages open to anyone: sign-in, and invitation and crowd links (for whoever has one). */
const OPEN = /^\/(sign-in|invite\/|crowd\/)/;

/** Whether every percent-escape in the path decodes; Next would fail on one that does not with a 500. */
function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (!decodable(pathname)) {
    return Response.json({ error: "The address is not valid: it holds a malformed %-escape." }, { status: 400 });
  }
  // An API path whose escapes decode: the route answers for itself.
  if (pathname.startsWith("/api/")) return NextResponse.next();
  if (!OPEN.test(pathname) && !(await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET }))) {
    const signIn = new URL("/sign-in", request.url);
    signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  // A crowd link's page is MTurk's frame and posts a HIT back; the rating page's end posts one too.
  const policy = pageSecurityPolicy(nonce, process.env.NODE_ENV !== "production", {
    postTo: pathname.startsWith(FRAMEABLE_PATH) || pathname.startsWith("/rate/") ? MTURK_WORKER_ORIGINS : [],
    framedBy: pathname.startsWith(FRAMEABLE_PATH) ? MTURK_WORKER_ORIGINS : [],
  });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Every page, and no static file. The API only when its path holds a %-escape: its routes
  // answer a signed-out client 401 themselves, and running the proxy on every rater request cost
  // about 2 ms of CPU each (bench/README.md, "The proxy and the API").
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)", "/api/(.*%.*)"],
};
