// What an admin does to accounts: find them, change their role, disable and enable them. A
// disabled user cannot sign in and their open sessions stop at once (lib/auth.ts reads the user on
// every request); their judgments stay. No admin can lock the last admin out.
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";

export const USERS_PER_PAGE = 50;

export interface UserListing {
  users: { id: string; email: string; name: string | null; role: Role; disabled: boolean; createdAt: Date; judgments: number }[];
  total: number;
  page: number;
  pages: number;
}

/** Users whose email or name contains `search` (any case), newest first, a page at a time. */
export async function listUsers(search: string, page: number): Promise<UserListing> {
  const where = search
    ? { OR: [{ email: { contains: search, mode: "insensitive" as const } }, { name: { contains: search, mode: "insensitive" as const } }] }
    : {};
  const total = await db().user.count({ where });
  const pages = Math.max(1, Math.ceil(total / USERS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await db().user.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip: (current - 1) * USERS_PER_PAGE,
    take: USERS_PER_PAGE,
    select: { id: true, email: true, name: true, role: true, disabledAt: true, createdAt: true, _count: { select: { judgments: true } } },
  });
  return {
    users: rows.map(({ disabledAt, _count, ...user }) => ({ ...user, disabled: disabledAt !== null, judgments: _count.judgments })),
    total,
    page: current,
    pages,
  };
}

/**
 * Changes a user, in a transaction that locks every admin row, so that two admins demoting or
 * disabling each other at once cannot leave no admin at all.
 */
async function changeUser(actorId: string, userId: string, change: { role?: Role; disabled?: boolean }): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "User" WHERE role = 'admin' ORDER BY id FOR UPDATE`;
    const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true, disabledAt: true } });
    if (!user) throw new AppError("not_found", "That user does not exist.");
    const staysAdmin = (change.role ?? user.role) === "admin" && !(change.disabled ?? user.disabledAt !== null);
    if (user.role === "admin" && !staysAdmin) {
      if (userId === actorId) throw new AppError("invalid", "You cannot take away your own admin access; ask another admin.");
      const otherAdmins = await tx.user.count({ where: { role: "admin", disabledAt: null, id: { not: userId } } });
      if (otherAdmins === 0) throw new AppError("invalid", "This is the last active admin; make someone else an admin first.");
    }
    await tx.user.update({
      where: { id: userId },
      data: {
        ...(change.role ? { role: change.role } : {}),
        ...(change.disabled === undefined ? {} : { disabledAt: change.disabled ? (user.disabledAt ?? new Date()) : null }),
        // Disabling ends every session the person has, here and on every app process.
        ...(change.disabled ? { sessionVersion: { increment: 1 } } : {}),
      },
    });
    // A disabled rater's pairs on loan go back to the other raters at once, not when leases run out.
    if (change.disabled) await tx.assignment.updateMany({ where: { raterId: userId, status: "active" }, data: { status: "withdrawn" } });
  });
}

export const changeRole = (actorId: string, userId: string, role: Role) => changeUser(actorId, userId, { role });
export const setDisabled = (actorId: string, userId: string, disabled: boolean) => changeUser(actorId, userId, { disabled });
