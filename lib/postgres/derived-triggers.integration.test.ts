// prisma/DERIVED.md says which trigger keeps which derived column and where each function's live
// definition is. This holds it to the migrated database and to the migrations' history, and the
// derived columns to a recount from the rows they count.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { nextAssignment } from "@/lib/assign/next-assignment";
import type { Choice } from "@/lib/assign/policy";
import { db } from "@/lib/db";
import { readMigrations } from "@/lib/postgres/migrate";
import { excludeRater, includeRater } from "@/lib/results/rater-exclusion";
import { judgeInOwnStudy, undoInOwnStudy } from "@/lib/testing/own-study";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

const DOCUMENT = path.resolve("prisma", "DERIVED.md");

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
});
afterAll(() => client.end());

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await client.query<T>(sql, params)).rows;
}

// --- The document -------------------------------------------------------------------------------

/** The first markdown table under `## heading`, as rows keyed by the header's cells. */
function tableUnder(markdown: string, heading: string): Record<string, string>[] {
  const lines = markdown.split("\n");
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  if (start < 0) throw new Error(`prisma/DERIVED.md has no "## ${heading}" section`);
  let i = start + 1;
  while (i < lines.length && !lines[i].trim().startsWith("|")) {
    if (lines[i].startsWith("## ")) throw new Error(`the "## ${heading}" section of prisma/DERIVED.md has no table`);
    i++;
  }
  const rows: string[][] = [];
  for (; i < lines.length && lines[i].trim().startsWith("|"); i++) {
    rows.push(lines[i].trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((cell) => cell.trim()));
  }
  const [header, , ...body] = rows;
  return body.map((cells) => Object.fromEntries(header.map((name, k) => [name, (cells[k] ?? "").replace(/[`"]/g, "").trim()])));
}

// --- The migrations' history ----------------------------------------------------------------------

/**
 * A migration's statements, split at the semicolons outside strings, quoted names, dollar-quoted
 * bodies and comments; comments outside bodies are left out, bodies are kept as written.
 */
function statements(sql: string): string[] {
  const found: string[] = [];
  let current = "";
  let i = 0;
  while (i < sql.length) {
    const rest = sql.slice(i);
    if (rest.startsWith("--")) {
      const end = sql.indexOf("\n", i);
      i = end < 0 ? sql.length : end;
      current += " ";
    } else if (rest.startsWith("/*")) {
      const end = sql.indexOf("*/", i + 2);
      i = end < 0 ? sql.length : end + 2;
      current += " ";
    } else if (sql[i] === "'" || sql[i] === '"') {
      // A doubled quote inside reads as the end of one quoted run and the start of the next.
      const end = sql.indexOf(sql[i], i + 1);
      if (end < 0) throw new Error(`unterminated ${sql[i]} in a migration`);
      current += sql.slice(i, end + 1);
      i = end + 1;
    } else if (sql[i] === "$" && /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.test(rest)) {
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(rest)![0];
      const end = sql.indexOf(tag, i + tag.length);
      if (end < 0) throw new Error(`unterminated ${tag} in a migration`);
      current += sql.slice(i, end + tag.length);
      i = end + tag.length;
    } else if (sql[i] === ";") {
      found.push(current.trim());
      current = "";
      i++;
    } else {
      current += sql[i];
      i++;
    }
  }
  found.push(current.trim());
  return found.filter(Boolean);
}

const NAME = String.raw`(?:"?public"?\.)?("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;
/** A name as Postgres stores it: quoted as written, unquoted folded to lower case. */
const unquote = (name: string) => (name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name.toLowerCase());
const re = (source: string) => new RegExp(source, "i");

interface LiveFunction {
  migration: string;
  body: string;
}
interface LiveTrigger {
  name: string;
  table: string;
  function: string;
  migration: string;
  statement: string;
}

/** The functions and triggers the migrations leave, replayed in order. */
function replayMigrations() {
  const functions = new Map<string, LiveFunction>();
  const triggers = new Map<string, LiveTrigger>();
  const key = (table: string, name: string) => `${table}.${name}`;
  for (const migration of readMigrations()) {
    for (const statement of statements(migration.sql)) {
      let m: RegExpExecArray | null;
      if ((m = re(String.raw`^CREATE\s+(?:OR\s+REPLACE\s+)?(?:FUNCTION|PROCEDURE)\s+${NAME}\s*\(`).exec(statement))) {
        const body = /\$((?:[A-Za-z_][A-Za-z0-9_]*)?)\$([\s\S]*?)\$\1\$/.exec(statement);
        if (!body) throw new Error(`${migration.name}: no dollar-quoted body in ${statement.slice(0, 80)}`);
        functions.set(unquote(m[1]), { migration: migration.name, body: body[2] });
      } else if ((m = re(String.raw`^DROP\s+(?:FUNCTION|PROCEDURE|ROUTINE)\s+(?:IF\s+EXISTS\s+)?([\s\S]*)$`).exec(statement))) {
        const names = m[1].replace(/\([^)]*\)/g, "").replace(/\b(?:CASCADE|RESTRICT)\s*$/i, "").split(",");
        for (const name of names) functions.delete(unquote(re(NAME).exec(name.trim())![1]));
      } else if ((m = re(String.raw`^ALTER\s+(?:FUNCTION|PROCEDURE|ROUTINE)\s+${NAME}\s*(?:\([^)]*\))?\s+RENAME\s+TO\s+${NAME}`).exec(statement))) {
        const live = functions.get(unquote(m[1]));
        functions.delete(unquote(m[1]));
        if (live) functions.set(unquote(m[2]), live);
      } else if ((m = re(String.raw`^CREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?TRIGGER\s+${NAME}\s[\s\S]*?\sON\s+(?:ONLY\s+)?${NAME}`).exec(statement))) {
        const fn = re(String.raw`EXECUTE\s+(?:FUNCTION|PROCEDURE)\s+${NAME}\s*\(`).exec(statement);
        if (!fn) throw new Error(`${migration.name}: no function in ${statement.slice(0, 80)}`);
        const [name, table] = [unquote(m[1]), unquote(m[2])];
        triggers.set(key(table, name), { name, table, function: unquote(fn[1]), migration: migration.name, statement });
      } else if ((m = re(String.raw`^DROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?${NAME}\s+ON\s+(?:ONLY\s+)?${NAME}`).exec(statement))) {
        triggers.delete(key(unquote(m[2]), unquote(m[1])));
      } else if ((m = re(String.raw`^ALTER\s+TRIGGER\s+${NAME}\s+ON\s+${NAME}\s+RENAME\s+TO\s+${NAME}`).exec(statement))) {
        const live = triggers.get(key(unquote(m[2]), unquote(m[1])));
        triggers.delete(key(unquote(m[2]), unquote(m[1])));
        if (live) triggers.set(key(live.table, unquote(m[3])), { ...live, name: unquote(m[3]) });
      } else if ((m = re(String.raw`^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?${NAME}\s+RENAME\s+TO\s+${NAME}`).exec(statement))) {
        for (const [k, live] of [...triggers]) {
          if (live.table !== unquote(m[1])) continue;
          triggers.delete(k);
          triggers.set(key(unquote(m[2]), live.name), { ...live, table: unquote(m[2]) });
        }
      } else if ((m = re(String.raw`^DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?([\s\S]*)$`).exec(statement))) {
        const tables = m[1].replace(/\b(?:CASCADE|RESTRICT)\s*$/i, "").split(",").map((name) => unquote(re(NAME).exec(name.trim())![1]));
        for (const [k, live] of [...triggers]) if (tables.includes(live.table)) triggers.delete(k);
      }
    }
  }
  return { functions, triggers };
}

/** A function body, whitespace aside. */
const normalBody = (body: string) => body.replace(/\s+/g, " ").trim();
/** A trigger's definition as pg_get_triggerdef and a migration write it alike. */
const normalTrigger = (definition: string) =>
  definition
    .replace(/"?public"?\./gi, "")
    .replace(/[()]/g, " ")
    .replace(/\s+/g, " ")
    .replace(/\s*;\s*$/, "")
    .trim()
    .toLowerCase();

// --- The database --------------------------------------------------------------------------------

async function liveTriggers() {
  return query<{ name: string; table: string; function: string; schema: string; enabled: string; definition: string }>(`
    SELECT t.tgname AS name, c.relname AS table, p.proname AS function, pn.nspname AS schema, t.tgenabled AS enabled,
           pg_get_triggerdef(t.oid) AS definition
      FROM pg_trigger t
      JOIN pg_class c ON c.oid = t.tgrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_proc p ON p.oid = t.tgfoid
      JOIN pg_namespace pn ON pn.oid = p.pronamespace
     WHERE NOT t.tgisinternal AND n.nspname = 'public'`);
}

/** The public schema's own functions (not an extension's). */
async function liveFunctions() {
  return query<{ name: string; source: string }>(`
    SELECT p.proname AS name, p.prosrc AS source
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'public'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`);
}

const triple = (row: { name: string; table: string; function: string }) => `${row.table}.${row.name} → ${row.function}()`;

describe("prisma/DERIVED.md", () => {
  const markdown = readFileSync(DOCUMENT, "utf8");
  const documentedTriggers = tableUnder(markdown, "Triggers").map((row) => ({
    name: row.trigger,
    table: row.table,
    function: row.function.replace(/\(\)$/, ""),
    migration: row["created in"],
  }));
  const documentedFunctions = tableUnder(markdown, "Functions").map((row) => ({ name: row.function.replace(/\(\)$/, ""), migration: row["live definition in"] }));
  const history = replayMigrations();

  it("names every trigger on a public table, with its table and function, and no other", async () => {
    expect(documentedTriggers.length).toBeGreaterThan(0);
    const live = await liveTriggers();
    expect(documentedTriggers.map(triple).sort()).toEqual(live.map(triple).sort());
    expect([...history.triggers.values()].map(triple).sort()).toEqual(live.map(triple).sort());
    for (const trigger of live) {
      expect(trigger.schema, `${trigger.name}'s function`).toBe("public");
      // A disabled trigger keeps nothing.
      expect(trigger.enabled, `${trigger.name} enabled`).toBe("O");
    }
  });

  it("names the migration of each trigger's live CREATE TRIGGER, which the database holds as written", async () => {
    const live = await liveTriggers();
    for (const documented of documentedTriggers) {
      const replayed = history.triggers.get(`${documented.table}.${documented.name}`);
      expect(replayed, `${documented.name}: created by a migration and not dropped since`).toBeDefined();
      expect(documented.migration, `${documented.name}: the migration of its last CREATE TRIGGER`).toBe(replayed!.migration);
      const inDatabase = live.find((trigger) => trigger.name === documented.name && trigger.table === documented.table)!;
      expect(normalTrigger(inDatabase.definition)).toBe(normalTrigger(replayed!.statement));
    }
  });

  it("names every function of the public schema, each trigger's among them, and no other", async () => {
    const live = await liveFunctions();
    const names = live.map((fn) => fn.name).sort();
    // One function per name: the document names functions by name alone.
    expect(new Set(names).size).toBe(names.length);
    expect(documentedFunctions.map((fn) => fn.name).sort()).toEqual(names);
    expect([...history.functions.keys()].sort()).toEqual(names);
    for (const trigger of documentedTriggers) expect(documentedFunctions.map((fn) => fn.name)).toContain(trigger.function);
  });

  it("names the migration of each function's last definition, whose body the database runs", async () => {
    const live = await liveFunctions();
    for (const documented of documentedFunctions) {
      const replayed = history.functions.get(documented.name);
      expect(replayed, `${documented.name}: defined by a migration and not dropped since`).toBeDefined();
      expect(documented.migration, `${documented.name}: the migration of its last definition`).toBe(replayed!.migration);
      expect(readMigrations().map((m) => m.name)).toContain(documented.migration);
      const inDatabase = live.find((fn) => fn.name === documented.name)!;
      expect(normalBody(inDatabase.source), `${documented.name}'s body`).toBe(normalBody(replayed!.body));
    }
  });

  it("points at tests that exist", () => {
    const paths = [...markdown.matchAll(/`((?:lib|e2e|scripts|bench)\/[^`]+\.ts)`/g)].map((m) => m[1]);
    expect(paths.length).toBeGreaterThan(0);
    for (const file of paths) expect(existsSync(path.resolve(file)), file).toBe(true);
  });
});

// --- The derived columns against a recount -----------------------------------------------------------

const pseudonymOf = (studyId: string, raterId: string) => `rater-${createHash("md5").update(`${studyId}:${raterId}`).digest("hex").slice(0, 10)}`;

/** Each derived column of the study as kept, where it differs from a recount of what it counts. */
async function differences(studyId: string) {
  const pairs = await query(
    `SELECT p.id, ARRAY[p.wins, p.ties, p.losses, p."leftVotes"] AS kept,
            ARRAY[count(j.id) FILTER (WHERE j.verdict = 'win'), count(j.id) FILTER (WHERE j.verdict = 'tie'),
                  count(j.id) FILTER (WHERE j.verdict = 'loss'), count(j.id) FILTER (WHERE j.choice = 'left')]::int[] AS counted
       FROM "Pair" p
       LEFT JOIN "Judgment" j ON j."pairId" = p.id
        AND NOT EXISTS (SELECT 1 FROM "RaterExclusion" x WHERE x."studyId" = p."studyId" AND x."raterId" = j."raterId")
      WHERE p."studyId" = $1
      GROUP BY p.id
     HAVING ARRAY[p.wins, p.ties, p.losses, p."leftVotes"] <> ARRAY[count(j.id) FILTER (WHERE j.verdict = 'win'), count(j.id) FILTER (WHERE j.verdict = 'tie'),
                  count(j.id) FILTER (WHERE j.verdict = 'loss'), count(j.id) FILTER (WHERE j.choice = 'left')]::int[]`,
    [studyId],
  );
  const held = await query(
    `SELECT p.id, p."heldCount" AS kept, count(a.id)::int AS counted
       FROM "Pair" p LEFT JOIN "Assignment" a ON a."pairId" = p.id AND a.status IN ('active', 'done')
      WHERE p."studyId" = $1
      GROUP BY p.id HAVING p."heldCount" <> count(a.id)`,
    [studyId],
  );
  const days = await query(
    `SELECT coalesce(d."raterId", c."raterId") AS rater, to_char(coalesce(d.day, c.day), 'YYYY-MM-DD') AS day,
            coalesce(d.judgments, 0) AS kept, coalesce(c.n, 0) AS counted
       FROM (SELECT * FROM "JudgmentDay" WHERE "studyId" = $1) d
       FULL JOIN (SELECT j."raterId", j."createdAt"::date AS day, count(*)::int AS n
                    FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
                   WHERE p."studyId" = $1 GROUP BY 1, 2) c
         ON c."raterId" = d."raterId" AND c.day = d.day
      WHERE coalesce(d.judgments, 0) <> coalesce(c.n, 0)`,
    [studyId],
  );
  // The raters' rows as kept, and as recount_rater_tallies counts them from the judgments (rolled back).
  const tallies = `SELECT "raterId", judgments, "left", "right", neither, "goldJudged", "goldCorrect", "onSharedPairs", "withMajority"
                     FROM "RaterTally" WHERE "studyId" = $1 AND judgments + "goldJudged" > 0 ORDER BY "raterId"`;
  await client.query("BEGIN");
  let kept: pg.QueryResultRow[], recounted: pg.QueryResultRow[];
  try {
    kept = await query(tallies, [studyId]);
    await client.query("SELECT recount_rater_tallies($1)", [studyId]);
    recounted = await query(tallies, [studyId]);
  } finally {
    await client.query("ROLLBACK");
  }
  const raters = kept.length === recounted.length && kept.every((row, i) => JSON.stringify(row) === JSON.stringify(recounted[i])) ? [] : [{ kept, recounted }];
  return { pairs, held, days, raters, ...(await roomDifferences(studyId)) };
}

/** The study's room ("StudyRoom", "Prompt"."roomyPairs") as kept, where it differs from counting its pairs. */
async function roomDifferences(studyId: string) {
  const roomy = `p."goldVerdict" IS NULL AND p.active AND p."removedAt" IS NULL AND p."heldCount" < s."judgmentsPerPair"`;
  const prompts = await query(
    `SELECT pr.id, pr."roomyPairs" AS kept, count(p.id) FILTER (WHERE ${roomy})::int AS counted
       FROM "Prompt" pr JOIN "Study" s ON s.id = pr."studyId" LEFT JOIN "Pair" p ON p."promptId" = pr.id
      WHERE pr."studyId" = $1
      GROUP BY pr.id HAVING pr."roomyPairs" <> count(p.id) FILTER (WHERE ${roomy})`,
    [studyId],
  );
  const study = await query(
    `SELECT r."roomyPairs", r."roomyPrompts", r."goldPairs", c.*
       FROM "StudyRoom" r,
            (SELECT count(*) FILTER (WHERE ${roomy})::int AS pairs,
                    count(DISTINCT p."promptId") FILTER (WHERE ${roomy})::int AS prompts,
                    count(*) FILTER (WHERE p."goldVerdict" IS NOT NULL AND p.active AND p."removedAt" IS NULL)::int AS gold
               FROM "Pair" p JOIN "Study" s ON s.id = p."studyId" WHERE p."studyId" = $1) c
      WHERE r."studyId" = $1 AND (r."roomyPairs", r."roomyPrompts", r."goldPairs") <> (c.pairs, c.prompts, c.gold)`,
    [studyId],
  );
  const [{ rooms }] = await query<{ rooms: number }>(`SELECT count(*)::int AS rooms FROM "StudyRoom" WHERE "studyId" = $1`, [studyId]);
  return { prompts, study: rooms === 1 ? study : [{ rooms }] };
}

async function expectKept(studyId: string) {
  expect(await differences(studyId)).toEqual({ pairs: [], held: [], days: [], raters: [], prompts: [], study: [] });
  // Not vacuous: the days hold every judgment of the study.
  const [row] = await query<{ days: number; judgments: number }>(
    `SELECT (SELECT coalesce(sum(judgments), 0)::int FROM "JudgmentDay" WHERE "studyId" = $1) AS days,
            (SELECT count(*)::int FROM "Judgment" WHERE "studyId" = $1) AS judgments`,
    [studyId],
  );
  expect(row.judgments).toBeGreaterThan(0);
  expect(row.days).toBe(row.judgments);
}

describe("the derived columns", () => {
  it("equal a recount of what they count through judging, moving, changing and deleting judgments and excluding a rater", async () => {
    const study = await seedStudy({ prompts: 4, baselines: ["Bard", "Claude"], judgmentsPerPair: 3 });
    const pairs = await db().pair.findMany({ where: { studyId: study.id }, orderBy: { id: "asc" } });
    await db().pair.update({ where: { id: pairs[0].id }, data: { goldVerdict: "win" } });
    const [owner, ...raters] = await Promise.all([makeUser("researcher"), ...Array.from({ length: 4 }, () => makeUser("rater"))]);
    const choices: Choice[] = ["left", "right", "neither"];
    // The raters take turns until no pair is left for any of them; the last one leaves with their
    // second pair leased, unjudged.
    for (let round = 0, given = true; given; round++) {
      given = false;
      for (const [r, rater] of raters.entries()) {
        if (r === 3 && round > 1) continue;
        const shown = await nextAssignment(study.id, rater.id);
        if (!shown) continue;
        given = true;
        if (r === 3 && round === 1) continue;
        expect(await judgeInOwnStudy(rater.id, { assignmentId: shown.assignmentId, choice: choices[(round + r) % 3] })).toBe("recorded");
      }
    }
    expect(await db().assignment.count({ where: { pair: { studyId: study.id }, status: "active" } })).toBe(1);
    await expectKept(study.id);

    // Judgments moved to other days, one changed, one deleted.
    const [first, second] = raters;
    await db().judgment.updateMany({ where: { studyId: study.id, raterId: first.id }, data: { createdAt: new Date("2026-03-01T12:00:00Z") } });
    const moved = await db().judgment.findFirstOrThrow({ where: { studyId: study.id, raterId: second.id } });
    await db().judgment.update({ where: { id: moved.id }, data: { createdAt: new Date("2026-03-02T23:59:00Z") } });
    const changed = await db().judgment.findFirstOrThrow({ where: { studyId: study.id, verdict: { not: "tie" } } });
    await db().judgment.update({ where: { id: changed.id }, data: { verdict: "tie", choice: "neither" } });
    await db().judgment.delete({ where: { id: (await db().judgment.findFirstOrThrow({ where: { studyId: study.id, raterId: raters[2].id } })).id } });
    await expectKept(study.id);

    // Excluded: the pairs' counts leave the rater out, the days and the rater rows still count them;
    // a judgment of theirs deleted meanwhile; let back in.
    const excluded = second;
    await excludeRater(study.id, pseudonymOf(study.id, excluded.id), owner.id, null);
    await expectKept(study.id);
    await db().judgment.delete({ where: { id: (await db().judgment.findFirstOrThrow({ where: { studyId: study.id, raterId: excluded.id } })).id } });
    await expectKept(study.id);
    await includeRater(study.id, pseudonymOf(study.id, excluded.id), owner.id);
    await expectKept(study.id);
  });

  it("equal a recount when raters take back their last judgment, judge again, and when an excluded rater takes one back", async () => {
    const study = await seedStudy({ prompts: 4, baselines: ["Bard", "Claude"], judgmentsPerPair: 2 });
    const pairs = await db().pair.findMany({ where: { studyId: study.id }, orderBy: { id: "asc" } });
    await db().pair.update({ where: { id: pairs[0].id }, data: { goldVerdict: "loss" } });
    const [owner, ...raters] = await Promise.all([makeUser("researcher"), ...Array.from({ length: 3 }, () => makeUser("rater"))]);
    const choices: Choice[] = ["left", "right", "neither"];
    // Every other judgment is taken back at once and judged again the other way; the rater then
    // gets the same pair back, and the pair handed out meanwhile goes back to the pool.
    let step = 0;
    for (let given = true; given; ) {
      given = false;
      for (const rater of raters) {
        const shown = await nextAssignment(study.id, rater.id);
        if (!shown) continue;
        given = true;
        step++;
        expect(await judgeInOwnStudy(rater.id, { assignmentId: shown.assignmentId, choice: choices[step % 3] })).toBe("recorded");
        if (step % 2 === 0) {
          await nextAssignment(study.id, rater.id);
          await undoInOwnStudy(rater.id, shown.assignmentId);
          await expectKept(study.id);
          expect((await nextAssignment(study.id, rater.id))?.assignmentId).toBe(shown.assignmentId);
          expect(await judgeInOwnStudy(rater.id, { assignmentId: shown.assignmentId, choice: choices[(step + 1) % 3] })).toBe("recorded");
        }
      }
    }
    await expectKept(study.id);

    // Excluded, a rater takes back their last judgment: the pairs' counts never held it, their row did.
    const [excluded, other] = raters;
    await excludeRater(study.id, pseudonymOf(study.id, excluded.id), owner.id, null);
    const latest = async (raterId: string) => (await db().judgment.findFirstOrThrow({ where: { studyId: study.id, raterId }, orderBy: { createdAt: "desc" } })).assignmentId;
    await undoInOwnStudy(excluded.id, await latest(excluded.id));
    await undoInOwnStudy(other.id, await latest(other.id));
    await expectKept(study.id);
    await includeRater(study.id, pseudonymOf(study.id, excluded.id), owner.id);
    await expectKept(study.id);
  });

  it("keep the study's room through claims that fill pairs, skips, lapsed leases, removals, baselines turned off, gold, a new k, and pairs and prompts deleted", async () => {
    const study = await seedStudy({ prompts: 12, baselines: ["Bard", "Claude"], judgmentsPerPair: 2 });
    const kept = async () => expect(await roomDifferences(study.id)).toEqual({ prompts: [], study: [] });
    const room = async () => (await query<{ roomyPairs: number; roomyPrompts: number; goldPairs: number }>(`SELECT "roomyPairs", "roomyPrompts", "goldPairs" FROM "StudyRoom" WHERE "studyId" = $1`, [study.id]))[0];
    expect(await room()).toEqual({ roomyPairs: 24, roomyPrompts: 12, goldPairs: 0 });
    const raters = await Promise.all(Array.from({ length: 3 }, () => makeUser("rater")));
    // Two raters fill pairs; a third holds one and lets it lapse; one skips.
    for (let round = 0; round < 3; round++) {
      for (const rater of raters.slice(0, 2)) {
        const shown = await nextAssignment(study.id, rater.id);
        if (shown) expect(await judgeInOwnStudy(rater.id, { assignmentId: shown.assignmentId, choice: "left" })).toBe("recorded");
      }
    }
    await kept();
    const held = await nextAssignment(study.id, raters[2].id);
    await db().assignment.update({ where: { id: held!.assignmentId }, data: { status: "expired" } });
    await kept();
    const skipped = await nextAssignment(study.id, raters[2].id);
    await db().assignment.update({ where: { id: skipped!.assignmentId }, data: { status: "skipped" } });
    await kept();

    const pairs = await db().pair.findMany({ where: { studyId: study.id }, orderBy: { heldCount: "desc" } });
    // Gold, removed and put back, a baseline turned off for a prompt's pairs.
    await db().pair.update({ where: { id: pairs[0].id }, data: { goldVerdict: "win" } });
    await db().pair.updateMany({ where: { id: { in: [pairs[1].id, pairs[2].id] } }, data: { removedAt: new Date() } });
    await kept();
    expect((await room()).goldPairs).toBe(1);
    await db().pair.update({ where: { id: pairs[1].id }, data: { removedAt: null } });
    await db().pair.updateMany({ where: { promptId: pairs[3].promptId }, data: { active: false } });
    await kept();
    // A new k gives every pair its room again, or takes it.
    await db().study.update({ where: { id: study.id }, data: { judgmentsPerPair: 1 } });
    await kept();
    expect((await room()).roomyPairs).toBeLessThan(24);
    await db().study.update({ where: { id: study.id }, data: { judgmentsPerPair: 3 } });
    await kept();
    // Pairs and prompts deleted (never judged: judgments keep theirs), and pairs added.
    const unjudged = { studyId: study.id, judgments: { none: {} }, assignments: { none: {} } };
    const gone = await db().pair.findFirstOrThrow({ where: { ...unjudged, heldCount: 0 } });
    await db().pair.delete({ where: { id: gone.id } });
    await kept();
    // Another prompt than the deleted pair's, which gets its pair back below.
    const prompt = await db().prompt.findFirstOrThrow({ where: { studyId: study.id, id: { not: gone.promptId }, pairs: { some: {}, every: { judgments: { none: {} }, assignments: { none: {} } } } } });
    await db().prompt.delete({ where: { id: prompt.id } });
    await kept();
    await db().pair.create({
      data: { studyId: gone.studyId, promptId: gone.promptId, targetResponseId: gone.targetResponseId, baselineResponseId: gone.baselineResponseId, targetSystemId: gone.targetSystemId, baselineSystemId: gone.baselineSystemId, goldVerdict: gone.goldVerdict, active: gone.active },
    });
    await kept();
    // Not vacuous: the counts moved through all of it.
    expect(await room()).not.toEqual({ roomyPairs: 24, roomyPrompts: 12, goldPairs: 0 });
  });

  it("keep each pair's answer lengths through pairs built, texts changed, a pair given another response, and a study of single answers", async () => {
    /** Pairs whose lengths are not their responses' length(text), for the studies given. */
    const wrongLengths = (studyIds: string[]) =>
      query(
        `SELECT p.id FROM "Pair" p
           JOIN "Response" tr ON tr.id = p."targetResponseId"
           LEFT JOIN "Response" br ON br.id = p."baselineResponseId"
          WHERE p."studyId" = ANY($1)
            AND (p."targetLength" IS DISTINCT FROM length(tr.text) OR p."baselineLength" IS DISTINCT FROM length(br.text))`,
        [studyIds],
      );
    const paired = await seedStudy({ prompts: 3 });
    const single = await seedStudy({ prompts: 2, kind: "absolute" });
    const both = [paired.id, single.id];
    expect(await wrongLengths(both)).toEqual([]);
    expect(await query(`SELECT 1 FROM "Pair" WHERE "studyId" = $1 AND "baselineLength" IS NOT NULL`, [single.id])).toEqual([]);

    // Two answers' new texts in one statement: every pair of each gets its length.
    const responses = await db().response.findMany({ where: { prompt: { studyId: paired.id } }, orderBy: { id: "asc" } });
    await client.query(`UPDATE "Response" SET text = text || repeat('x', 37) WHERE id = ANY($1)`, [[responses[0].id, responses[1].id]]);
    expect(await wrongLengths(both)).toEqual([]);
    // A pair given another response takes that one's length.
    const pair = await db().pair.findFirstOrThrow({ where: { studyId: paired.id }, orderBy: { id: "asc" } });
    const elsewhere = responses.find((r) => r.promptId !== pair.promptId && r.systemId === pair.baselineSystemId)!;
    await db().pair.update({ where: { id: pair.id }, data: { baselineResponseId: elsewhere.id } });
    expect(await wrongLengths(both)).toEqual([]);
    // A pair added with lengths of its own gets its responses' instead.
    await db().pair.create({
      data: { studyId: paired.id, promptId: pair.promptId, targetResponseId: pair.baselineResponseId!, baselineResponseId: pair.targetResponseId, targetSystemId: pair.baselineSystemId!, baselineSystemId: pair.targetSystemId, targetLength: 1, baselineLength: 1 },
    });
    expect(await wrongLengths(both)).toEqual([]);
  });
});
