// The machine's floor for one HTTP request that reads from Postgres: node:http and one pg query,
// no framework, no session, nothing else. Started as its own process by rater-loop.ts (as the
// app server is), on the port given; prints "listening" when ready. Each POST reads its body and
// answers one response's text, as JSON, read by primary key (the ids are the study's, cycled).
import http from "node:http";
import pg from "pg";

const [, , port, studyId] = process.argv;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const { rows } = await pool.query<{ id: string }>(
  `SELECT r.id FROM "Response" r JOIN "Prompt" p ON p.id = r."promptId" WHERE p."studyId" = $1 LIMIT 1000`,
  [studyId],
);
const ids = rows.map((row) => row.id);
let served = 0;

const server = http.createServer(async (request, response) => {
  let body = "";
  for await (const chunk of request) body += chunk;
  const [row] = (await pool.query<{ text: string }>(`SELECT text FROM "Response" WHERE id = $1`, [ids[served++ % ids.length]])).rows;
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify({ received: body.length, text: row.text }));
});
server.listen(Number(port), "127.0.0.1", () => console.log("listening"));
process.on("SIGINT", () => server.close(() => void pool.end().then(() => process.exit(0))));
