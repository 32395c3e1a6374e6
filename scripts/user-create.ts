// `npm run user:create -- --email E --role researcher|rater|admin --password P`
// The password may come from the USER_PASSWORD environment variable instead, to keep it out of
// the shell history. Never prompts, so it can run in scripts.
import { parseArgs } from "node:util";
import { disconnectDb } from "@/lib/db";
import { env } from "@/lib/env";
import { connectAndMigrate } from "@/lib/postgres/connect";
import { createUser } from "@/lib/users/create-user";
import { newUserSchema } from "@/lib/validation/user";
import { runCommand } from "./run-command";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    role: { type: "string" },
    password: { type: "string" },
    name: { type: "string" },
  },
});

const parsed = newUserSchema.safeParse({ ...values, password: values.password ?? env().USER_PASSWORD });
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`--${issue.path.join(".")}: ${issue.message}`);
  console.error("Usage: npm run user:create -- --email E --role researcher|rater|admin --password P");
  process.exit(2);
}

await runCommand(async () => {
  const database = await connectAndMigrate();
  try {
    const user = await createUser(parsed.data);
    console.log(`Created ${user.role} ${user.email}.`);
  } finally {
    await disconnectDb();
    await database.stop();
  }
});
