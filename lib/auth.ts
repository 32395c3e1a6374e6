// Sign-in and the role checks that every page, server action and route handler runs on the
// server. The proxy only redirects signed-out visitors; it is not what keeps anyone out.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { redirect } from "next/navigation";
import { clientAddress } from "@/lib/client-address";
import { db } from "@/lib/db";
import { databaseUnavailableResponse, isDatabaseUnavailable, isUnstorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/db-errors";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { errorResponse } from "@/lib/http";
import { enterThroughCrowdLink } from "@/lib/studies/crowd-link";
import { verifyPassword } from "@/lib/users/passwords";
import { clearFailures, lockedMinutes, recordFailure } from "@/lib/users/sign-in-throttle";
import { participantSchema } from "@/lib/validation/crowd-link";
import { signInSchema } from "@/lib/validation/user";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  /** A crowd participant: judges only the study whose link they came through. */
  participant: boolean;
}

export const authOptions: NextAuthOptions = {
  secret: env().NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const minutes = await lockedMinutes(email);
        // next-auth hands a thrown error's message to the sign-in form.
        if (minutes > 0) throw new Error(`Too many failed sign-ins for this email: try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
        const user = await db().user.findUnique({ where: { email } });
        // Crowd participants come in through their study's link only.
        if (!user || user.disabledAt || user.participantId !== null || !(await verifyPassword(password, user.passwordHash))) {
          await recordFailure(email);
          return null;
        }
        await clearFailures(email);
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
    CredentialsProvider({
      id: "crowd",
      name: "Crowd link",
      credentials: { token: { type: "text" }, PROLIFIC_PID: { type: "text" }, STUDY_ID: { type: "text" }, SESSION_ID: { type: "text" } },
      async authorize(credentials, request) {
        const ids = participantSchema.safeParse({
          PROLIFIC_PID: credentials?.PROLIFIC_PID,
          STUDY_ID: credentials?.STUDY_ID || undefined,
          SESSION_ID: credentials?.SESSION_ID || undefined,
        });
        if (!ids.success || !credentials?.token) return null;
        try {
          return await enterThroughCrowdLink(credentials.token, ids.data, clientAddress(request?.headers));
        } catch (error) {
          // next-auth hands the message to the link's page, which shows it.
          if (error instanceof AppError) throw new Error(error.userMessage);
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    // The token carries only the user's id: role and disabled state are read from the database
    // on every request, so a change by an admin takes effect at once.
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      return { ...session, user: { ...session.user, id: token.sub } };
    },
  },
};

export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const user = await db().user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, disabledAt: true, participantId: true },
  });
  if (!user || user.disabledAt) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, participant: user.participantId !== null };
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
