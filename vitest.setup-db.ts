import { afterAll, inject } from "vitest";
import { disconnectDb } from "@/lib/db";
import { setDatabaseUrl } from "@/lib/env";

setDatabaseUrl(inject("databaseUrl"));

afterAll(() => disconnectDb());
