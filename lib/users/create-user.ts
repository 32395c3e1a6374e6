import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/users/passwords";
import type { NewUser } from "@/lib/validation/user";

export async function createUser(input: NewUser) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db().user.create({
      data: { email: input.email, role: input.role, name: input.name, passwordHash },
      select: { id: true, email: true, role: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", `A user with the email ${input.email} already exists.`);
    }
    throw error;
  }
}
