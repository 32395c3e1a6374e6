import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("gives defaults for an empty environment", () => {
    expect(parseEnv({})).toMatchObject({ NODE_ENV: "development", DATA_DIR: ".data", PORT: 3000 });
  });

  it("treats empty variables as unset", () => {
    const parsed = parseEnv({ DATABASE_URL: "", PORT: "" });
    expect(parsed.DATABASE_URL).toBeUndefined();
    expect(parsed.PORT).toBe(3000);
  });

  it("names every bad variable and what is wrong with it", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x/y", PORT: "eighty", NEXTAUTH_SECRET: "short" })).toThrow(
      /DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL[\s\S]*PORT:[\s\S]*NEXTAUTH_SECRET: must be at least 32 characters/,
    );
  });

  it("accepts a postgres URL and a port", () => {
    expect(parseEnv({ DATABASE_URL: "postgresql://u:p@localhost:5432/db", PORT: "8080" })).toMatchObject({
      DATABASE_URL: "postgresql://u:p@localhost:5432/db",
      PORT: 8080,
    });
  });
});
