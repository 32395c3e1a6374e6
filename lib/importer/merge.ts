// The importer's writes: staged rows merged into the study, its pairs built, what is missing
// reported. Runs in the importer's transaction, after every check has passed.
import "server-only";
import type pg from "pg";
import { buildPairsSql, PAIRED_KINDS } from "@/lib/studies/build-pairs";

export interface Counts {
  added: number;
  changed: number;
  unchanged: number;
}

/** The staged responses with their prompt's and system's ids ($1 is the study's id). */
const STAGED_RESPONSES = `
  SELECT p.id AS prompt, s.id AS system, r.text, r.turns, ARRAY(SELECT jsonb_array_elements_text(r.self_names)) AS self_names
    FROM stage_response r
    JOIN "Prompt" p ON p."studyId" = $1 AND p."externalId" = r.prompt_id
    JOIN "System" s ON s."studyId" = $1 AND s.name = r.system`;

/**
 * Fills import_response with the responses the study already has to the prompts this import
 * answers: what changed text is checked against, and what new responses are paired with.
 */
export async function collectExistingResponses(client: pg.Client, studyId: string): Promise<void> {
  await client.query(
    `INSERT INTO import_response
     SELECT x.id, x."promptId", x."systemId", false, length(x.text) FROM "Response" x
      WHERE x."promptId" IN (SELECT p.id FROM "Prompt" p JOIN stage_response r ON p."studyId" = $1 AND p."externalId" = r.prompt_id)`,
    [studyId],
  );
  // Temporary tables are never analysed by autovacuum; without statistics the joins on them are
  // planned for a handful of rows.
  await client.query(`ANALYZE import_response`);
}

/**
 * Foreign keys are checked by a trigger per row and key: 480,000 calls for 100,000 responses
 * and their 80,000 pairs, most of a large import's time. Every id the merge writes comes from a
 * join on the row it refers to, within this transaction, so those checks cannot fail; what they
 * also do is lock the rows referred to against a concurrent delete, and that is done here once
 * per set instead (the study itself is already locked). Turning the triggers off for the merge
 * needs the right to set session_replication_role (a superuser, or one granted SET on it), as
 * restoring a dump does; without it the checks run row by row as usual.
 */
async function withoutRowByRowChecks<T>(client: pg.Client, studyId: string, write: () => Promise<T>): Promise<T> {
  await client.query("SAVEPOINT replica_role");
  const allowed = await client.query("SET LOCAL session_replication_role = replica").then(
    () => true,
    () => false,
  );
  if (!allowed) {
    await client.query("ROLLBACK TO SAVEPOINT replica_role");
    return write();
  }
  await client.query("RELEASE SAVEPOINT replica_role");
  await client.query(`SELECT 1 FROM "System" WHERE "studyId" = $1 FOR KEY SHARE`, [studyId]);
  await client.query(
    `SELECT 1 FROM "Prompt" p WHERE p."studyId" = $1 AND p."externalId" IN (SELECT prompt_id FROM stage_response) FOR KEY SHARE`,
    [studyId],
  );
  await client.query(`SELECT 1 FROM "Response" x WHERE x.id IN (SELECT id FROM import_response) FOR KEY SHARE`);
  const result = await write();
  await client.query("SET LOCAL session_replication_role = origin");
  // The pairs were added with the triggers that count the study's room off: counted here at once.
  await client.query("SELECT recount_study_room($1)", [studyId]);
  return result;
}

const counted = (sql: string) => `WITH changed AS (${sql} RETURNING (xmax = 0) AS added)
  SELECT count(*) FILTER (WHERE added)::int AS added, count(*) FILTER (WHERE NOT added)::int AS changed FROM changed`;

async function mergeSystems(client: pg.Client, studyId: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `WITH new AS (
       SELECT system, min(ord) AS first FROM stage_response r
        WHERE NOT EXISTS (SELECT 1 FROM "System" s WHERE s."studyId" = $1 AND s.name = r.system)
        GROUP BY system)
     INSERT INTO "System" (id, "studyId", name, position)
     SELECT gen_random_uuid()::text, $1, system,
            (SELECT coalesce(max(position), -1) FROM "System" WHERE "studyId" = $1) + row_number() OVER (ORDER BY first)
       FROM new
     RETURNING name`,
    [studyId],
  );
  return rows.map((row) => row.name);
}

async function mergePrompts(client: pg.Client, studyId: string) {
  const { rows } = await client.query<{ added: number; changed: number }>(
    counted(`INSERT INTO "Prompt" (id, "studyId", "externalId", text, history, source, tags, position)
       SELECT gen_random_uuid()::text, $1, external_id, text, history, source,
              ARRAY(SELECT jsonb_array_elements_text(tags)),
              (SELECT coalesce(max(position), 0) FROM "Prompt" WHERE "studyId" = $1) + row_number() OVER (ORDER BY ord)
         FROM stage_prompt
       ON CONFLICT ("studyId", "externalId") DO UPDATE
          SET text = EXCLUDED.text, history = EXCLUDED.history, source = EXCLUDED.source, tags = EXCLUDED.tags
        WHERE ("Prompt".text, "Prompt".history, "Prompt".source, "Prompt".tags)
              IS DISTINCT FROM (EXCLUDED.text, EXCLUDED.history, EXCLUDED.source, EXCLUDED.tags)`),
    [studyId],
  );
  return rows[0];
}

/**
 * Changed text replaces the old (the checks refused it where raters have seen it), and gives its
 * pairs and the pairs to be built its length, as the trigger on "Response" would were it on; new
 * rows are added.
 */
async function mergeResponses(client: pg.Client, studyId: string) {
  const changed = await client.query<{ changed: number }>(
    `WITH changed AS (
       UPDATE "Response" x SET text = staged.text, turns = staged.turns, "selfNames" = staged.self_names
         FROM (${STAGED_RESPONSES}) staged
         JOIN import_response old ON old."promptId" = staged.prompt AND old."systemId" = staged.system
        WHERE x.id = old.id AND (x.text, x.turns) IS DISTINCT FROM (staged.text, staged.turns)
       RETURNING x.id, length(x.text) AS length),
     lengths AS (
       UPDATE "Pair" p
          SET "targetLength" = coalesce((SELECT c.length FROM changed c WHERE c.id = p."targetResponseId"), p."targetLength"),
              "baselineLength" = coalesce((SELECT c.length FROM changed c WHERE c.id = p."baselineResponseId"), p."baselineLength")
         -- Found through each side's index: an OR of the two would scan every pair.
         FROM (SELECT t.id FROM "Pair" t JOIN changed c ON t."targetResponseId" = c.id
               UNION SELECT b.id FROM "Pair" b JOIN changed c ON b."baselineResponseId" = c.id) touched
        WHERE p.id = touched.id),
     -- And the pairs built next from these responses.
     collected AS (UPDATE import_response i SET length = c.length FROM changed c WHERE i.id = c.id)
     SELECT count(*)::int AS changed FROM changed`,
    [studyId],
  );
  const added = await client.query(
    `WITH added AS (
       INSERT INTO "Response" (id, "promptId", "systemId", text, turns, "selfNames")
       SELECT gen_random_uuid()::text, staged.prompt, staged.system, staged.text, staged.turns, staged.self_names
         FROM (${STAGED_RESPONSES}) staged
        -- Not import_response: this statement appends to it, and a scan of it would grow as it ran.
        WHERE NOT EXISTS (SELECT 1 FROM "Response" x WHERE x."promptId" = staged.prompt AND x."systemId" = staged.system)
       RETURNING id, "promptId", "systemId", length(text) AS length)
     INSERT INTO import_response SELECT id, "promptId", "systemId", true, length FROM added`,
    [studyId],
  );
  await client.query(`ANALYZE import_response`);
  return { added: added.rowCount ?? 0, changed: changed.rows[0].changed };
}

export async function merge(client: pg.Client, studyId: string) {
  const systemsAdded = await mergeSystems(client, studyId);
  const { prompts, responses, pairsAdded } = await withoutRowByRowChecks(client, studyId, async () => ({
    prompts: await mergePrompts(client, studyId),
    responses: await mergeResponses(client, studyId),
    pairsAdded: (await client.query(buildPairsSql("import_response"), [studyId, PAIRED_KINDS])).rowCount ?? 0,
  }));
  const staged = await client.query<{ prompts: number; responses: number }>(
    `SELECT (SELECT count(*)::int FROM stage_prompt) AS prompts, (SELECT count(*)::int FROM stage_response) AS responses`,
  );
  const counts = (row: { added: number; changed: number }, total: number): Counts => ({
    added: row.added,
    changed: row.changed,
    unchanged: total - row.added - row.changed,
  });
  return {
    systemsAdded,
    prompts: counts(prompts, staged.rows[0].prompts),
    responses: counts(responses, staged.rows[0].responses),
    pairsAdded,
  };
}

/** Prompts that lack a response from some system of the study (the first 50), and how many do. */
export async function missingResponses(client: pg.Client, studyId: string) {
  const { rows } = await client.query<{ prompt_id: string; systems: string[]; total: string }>(
    `SELECT p."externalId" AS prompt_id, array_agg(s.name ORDER BY s.position) AS systems, count(*) OVER () AS total
       FROM "Prompt" p
       JOIN "System" s ON s."studyId" = p."studyId"
      WHERE p."studyId" = $1
        -- The import's own responses first, in one hash join: only other prompts are looked up one by one.
        AND NOT EXISTS (SELECT 1 FROM import_response x WHERE x."promptId" = p.id AND x."systemId" = s.id)
        AND NOT EXISTS (SELECT 1 FROM "Response" r WHERE r."promptId" = p.id AND r."systemId" = s.id)
      GROUP BY p.id, p."externalId", p.position
      ORDER BY p.position
      LIMIT 50`,
    [studyId],
  );
  return { missing: rows.map((row) => ({ promptId: row.prompt_id, systems: row.systems })), missingCount: Number(rows[0]?.total ?? 0) };
}
