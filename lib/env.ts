// The one place that reads process.env: every setting is validated here, and a bad one stops the
// process with a message naming the variable and what is wrong with it.
import { z } from "zod";

const postgresUrl = z
  .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
  .optional();

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Postgres to use; when unset, the app runs an embedded Postgres with its data in DATA_DIR. */
  DATABASE_URL: postgresUrl,
  /** A read replica of DATABASE_URL for the dashboards and exports; unset, they read the primary. */
  DATABASE_READ_URL: postgresUrl,
  /** Where the embedded Postgres and the generated development secret live. */
  DATA_DIR: z.string().min(1).default(".data"),
  /** Connections each app process keeps to Postgres at most; N processes need N × this. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  /**
   * Whether a rater's statements are prepared once per connection ("on") or parsed and planned on
   * every call ("off"). Planning is most of their cost in Postgres; "off" is for a pooler that
   * hands a transaction any server connection and keeps no prepared statements across them
   * (PgBouncer before 1.21 in transaction mode, or later ones without max_prepared_statements).
   */
  DATABASE_PREPARED_STATEMENTS: z.enum(["on", "off"]).default("on"),
  /** Connections each app process lends downloads at most (beside DATABASE_POOL_SIZE)... */
  EXPORT_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(4),
  /** ...and how long a download may go without being read before it is ended and its connection freed. */
  EXPORT_IDLE_SECONDS: z.coerce.number().int().min(1).default(30),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.url().optional(),
  /** Imports refuse a file larger than this many bytes... */
  IMPORT_MAX_FILE_BYTES: z.coerce.number().int().positive().default(200 * 1024 * 1024),
  /** ...and a prompt or response longer than this many characters. */
  IMPORT_MAX_TEXT_CHARS: z.coerce.number().int().positive().default(100_000),
  /**
   * Addresses of the reverse proxies in front of the app (comma-separated IPs). Only a request
   * from one of them has its X-Forwarded-For believed; unset, the client is the socket's peer.
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((list) => list.split(",").map((address) => address.trim()).filter(Boolean))
    .pipe(z.array(z.union([z.ipv4(), z.ipv6()], "each must be an IP address"))),
  /**
   * Hosts ("host" or "host:port", comma-separated) an LLM judge may call although they are, or
   * resolve to, internal addresses: a lab's own vLLM or Ollama, say. Every other internal address is refused.
   */
  JUDGE_ALLOWED_HOSTS: z
    .string()
    .default("")
    .transform((list) => list.split(",").map((host) => host.trim()).filter(Boolean)),
  /** Failed sign-ins one email may have in THROTTLE_WINDOW_MINUTES before it is refused... */
  FAILURES_PER_EMAIL: z.coerce.number().int().min(1).default(10),
  /** ...and failed sign-ins, sign-ups and invitation or crowd entries one client address may have. */
  FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  THROTTLE_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  /** New crowd identities one client address may make in CROWD_ENTRY_WINDOW_MINUTES... */
  CROWD_ENTRIES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  /** ...a sliding window. */
  CROWD_ENTRY_WINDOW_MINUTES: z.coerce.number().int().min(1).default(10),
  /** For `npm run user:create`, to keep a password out of the shell history. */
  USER_PASSWORD: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new EnvError(`Invalid environment variables:\n${problems.join("\n")}`);
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The database URL the app must have been given by the time it serves requests. */
export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) {
    throw new EnvError(
      "DATABASE_URL is not set. Start the app with `npm run dev` or `npm start`, which run an embedded Postgres when no DATABASE_URL is given.",
    );
  }
  return url;
}

/** next-auth's signing secret; production refuses to run without one. */
export function authSecret(): string {
  const secret = env().NEXTAUTH_SECRET;
  if (!secret) {
    throw new EnvError(
      "NEXTAUTH_SECRET is not set. In production set it to a random string of at least 32 characters (e.g. `openssl rand -base64 32`).",
    );
  }
  return secret;
}

/**
 * Points this process, and the processes it starts, at a database chosen at run time (the
 * embedded one when no DATABASE_URL was given).
 */
export function setDatabaseUrl(url: string): void {
  process.env.DATABASE_URL = url;
  cached = undefined;
}
