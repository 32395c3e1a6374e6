import { z } from "zod";
import { email, newPassword } from "@/lib/validation/user";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A new invitation link, as the settings form sends it. */
export const newInvitationSchema = z.object({
  label: z
    .string()
    .trim()
    .max(100, "must be at most 100 characters")
    .default("")
    .transform((value) => value || null),
  // An empty field means no cap.
  maxUses: z.preprocess(
    (value) => (value === "" || value === undefined || value === null ? null : Number(value)),
    z.number("must be a number of people").int("must be a whole number").min(1, "must be at least 1, or empty for no cap").max(100_000, "must be at most 100,000").nullable(),
  ),
  // A date (the link works to the end of that day, UTC), or empty for no expiry.
  expiresOn: z
    .string()
    .trim()
    .default("")
    .transform((value, context) => {
      if (!value) return null;
      const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
      if (!day || Number.isNaN(day.getTime())) {
        context.addIssue({ code: "custom", message: `"${value}" is not a date (YYYY-MM-DD)` });
        return z.NEVER;
      }
      return new Date(day.getTime() + DAY_MS);
    }),
});
export type NewInvitation = z.infer<typeof newInvitationSchema>;

/** A rater signing up through an invitation. */
export const invitedSignUpSchema = z.object({
  name: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
  email,
  password: newPassword,
});
export type InvitedSignUp = z.infer<typeof invitedSignUpSchema>;
