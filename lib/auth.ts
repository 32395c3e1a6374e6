// Sign-in and the role checks that every page, server action and route handler runs on the
// server. The proxy only redirects signed-out visitors; it is not what keeps anyone out.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import { encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import CredentialsProvider from "next-auth/providers/credentials";
import { redirect } from "next/navigation";
import { clientAddress } from "@/lib/client-address";
import { db } from "@/lib/db";
import { databaseUnavailableResponse, isDatabaseUnavailable, isUnstorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/db-errors";
import { authSecret, env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { crossSiteRefusal, errorResponse } from "@/lib/http";
import { enterThroughCrowdLink } from "@/lib/studies/crowd-link";
import { authenticate, WRONG_CREDENTIALS, type SignedInUser } from "@/lib/users/authenticate";
import { sessionUser } from "@/lib/users/session-user";
import { readVisit, visitFields } from "@/lib/validation/crowd-link";
import { signInSchema } from "@/lib/validation/user";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  /** A crowd participant: judges only the study whose link they came through. */
  participant: boolean;
}

const SESSION_MAX_AGE = 7 * 24 * 60 * 60;
const secureCookies = () => (env().NEXTAUTH_URL ?? "").startsWith("https://");
/** next-auth's own name for the session cookie, which its reader looks for. */
export const sessionCookieName = () => (secureCookies() ? "__Secure-next-auth.session-token" : "next-auth.session-token");

type SessionToken = { sub?: string; ver?: number };

/** Ends every session of a user at once: signing out, and disabling the account. */
export async function endSessions(userId: string): Promise<void> {
  await db().user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

export const authOptions: NextAuthOptions = {
  secret: env().NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const result = await authenticate(parsed.data.email, parsed.data.password, clientAddress(request?.headers));
        // next-auth hands a thrown error's message to the client; a plain refusal stays generic.
        if ("refused" in result) {
          if (result.refused === WRONG_CREDENTIALS) return null;
          throw new Error(result.refused);
        }
        return result.user;
      },
    }),
    CredentialsProvider({
      id: "crowd",
      name: "Crowd link",
      credentials: Object.fromEntries(["token", "PROLIFIC_PID", "STUDY_ID", "SESSION_ID", "workerId", "hitId", "assignmentId", "turkSubmitTo"].map((field) => [field, { type: "text" }])),
      async authorize(credentials, request) {
        const read = readVisit(visitFields(credentials ?? {}));
        if ("problem" in read || !credentials?.token) return null;
        try {
          return await enterThroughCrowdLink(credentials.token, read.visit, clientAddress(request?.headers));
        } catch (error) {
          // next-auth hands the message to the link's page, which shows it.
          if (error instanceof AppError) throw new Error(error.userMessage);
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    // The token carries the user's id and session version: role and disabled state are read from
    // the database on every request, so a change by an admin takes effect at once, and a session
    // older than the user's last sign-out is refused.
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.ver = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, user: { ...session.user, id: token.sub, ver: token.ver } };
    },
    // Only back into the app, whatever the link said.
    redirect({ url, baseUrl }) {
      return `${baseUrl}${sameOriginPath(url, baseUrl)}`;
    },
  },
  events: {
    async signOut({ token }) {
      if (token?.sub) await endSessions(token.sub);
    },
  },
};

/** A path on this site to go to next, from a link's value; "/" for anything that would leave it. */
export function sameOriginPath(value: unknown, base = "http://app.invalid"): string {
  if (typeof value !== "string" || !URL.canParse(value, base)) return "/";
  const url = new URL(value, base);
  return url.origin === new URL(base).origin ? `${url.pathname}${url.search}${url.hash}` : "/";
}

/** Signs the user in on this response: next-auth's own session cookie, as its callback would set. */
export async function startSession(user: SignedInUser): Promise<void> {
  const token: SessionToken & { email: string; name: string | null } = { sub: user.id, ver: user.sessionVersion, email: user.email, name: user.name };
  const value = await encode({ token, secret: authSecret(), maxAge: SESSION_MAX_AGE });
  (await cookies()).set(sessionCookieName(), value, { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies(), maxAge: SESSION_MAX_AGE });
}

/** Signs out here and ends every other session of the user. */
export async function endSession(): Promise<void> {
  const user = await currentUser();
  if (user) await endSessions(user.id);
  (await cookies()).delete(sessionCookieName());
}

export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const { id, ver } = (session?.user ?? {}) as { id?: string; ver?: number };
  return id ? sessionUser(id, ver) : null;
}

export function homeFor(role: Role): string {
  return role === "rater" ? "/rate" : "/studies";
}

/** For pages and server actions: the signed-in user, or a redirect to sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** For pages and server actions: a user of one of these roles; anyone else goes to their own home. */
export async function requireRole(...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser();
  if (!roles.includes(user.role)) redirect(homeFor(user.role));
  return user;
}

/**
 * For route handlers: runs the handler only for a signed-in user of one of these roles, answering
 * 401 or 403 as JSON otherwise; an expected failure (AppError) becomes its status and message,
 * a database that cannot be reached a 503 that says so, and text Postgres cannot store a 400.
 */
export function withRole<Context>(
  roles: Role[],
  handler: (request: Request, user: SessionUser, context: Context) => Promise<Response>,
): (request: Request, context: Context) => Promise<Response> {
  return async (request, context) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      const refusal = crossSiteRefusal(request, env().NEXTAUTH_URL);
      if (refusal) return refusal;
    }
    try {
      const user = await currentUser();
      if (!user) return Response.json({ error: "Sign in first." }, { status: 401 });
      if (!roles.includes(user.role)) {
        return Response.json({ error: "Your role does not allow this." }, { status: 403 });
      }
      return await handler(request, user, context);
    } catch (error) {
      if (error instanceof AppError) return errorResponse(error);
      if (isDatabaseUnavailable(error)) return databaseUnavailableResponse();
      if (isUnstorableText(error)) return Response.json({ error: UNSTORABLE_TEXT_MESSAGE }, { status: 400 });
      throw error;
    }
  };
}
