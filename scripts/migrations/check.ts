// Usage: tsx scripts/migrations/check.ts
// For CI: fails when prisma/migrations does not build exactly what prisma/schema.prisma
// describes, and prints the SQL a new migration would need.
import { diffMigrationsToSchema } from "./diff";

try {
  const sql = diffMigrationsToSchema();
  if (sql === null) {
    console.log("migrations OK: prisma/migrations matches prisma/schema.prisma");
  } else {
    console.error(
      "prisma/schema.prisma has changes no migration covers " +
        "(add one with `tsx scripts/migrations/create.ts NAME`). Missing SQL:\n",
    );
    process.stdout.write(sql);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
