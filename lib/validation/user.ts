import { z } from "zod";

export const roles = ["admin", "researcher", "rater"] as const;

export const email = z.email("must be an email address").transform((value) => value.toLowerCase());

export const newPassword = z.string().min(10, "must be at least 10 characters").max(200, "must be at most 200 characters");

export const newUserSchema = z.object({
  email,
  role: z.enum(roles, "must be admin, researcher or rater"),
  password: newPassword,
  name: z.string().trim().max(200).optional(),
});
export type NewUser = z.infer<typeof newUserSchema>;

export const signInSchema = z.object({
  email,
  password: z.string().min(1).max(200),
});

const userId = z.string().min(1);

/** One change an admin makes to one user. */
export const userChangeSchema = z.discriminatedUnion("change", [
  z.object({ change: z.literal("role"), userId, role: z.enum(roles) }),
  z.object({ change: z.literal("disable"), userId }),
  z.object({ change: z.literal("enable"), userId }),
]);
