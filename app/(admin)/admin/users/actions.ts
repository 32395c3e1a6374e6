"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireRole } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { changeRole, setDisabled } from "@/lib/users/manage-users";

export interface UserActionState {
  error?: string;
  done?: string;
}

const changeSchema = z.discriminatedUnion("change", [
  z.object({ change: z.literal("role"), userId: z.string().min(1), role: z.enum(["admin", "researcher", "rater"]) }),
  z.object({ change: z.literal("disable"), userId: z.string().min(1) }),
  z.object({ change: z.literal("enable"), userId: z.string().min(1) }),
]);

/** One change to one user, by an admin; a refused change says why and changes nothing. */
export async function changeUserAction(_previous: UserActionState, form: FormData): Promise<UserActionState> {
  const admin = await requireRole("admin");
  const parsed = changeSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: "That change is not valid." };
  const input = parsed.data;
  try {
    if (input.change === "role") await changeRole(admin.id, input.userId, input.role);
    else await setDisabled(admin.id, input.userId, input.change === "disable");
  } catch (error) {
    if (error instanceof AppError) return { error: error.userMessage };
    throw error;
  }
  revalidatePath("/admin/users");
  return { done: input.change === "role" ? `Role changed to ${input.role}.` : input.change === "disable" ? "Disabled: they can no longer sign in." : "Enabled again." };
}
