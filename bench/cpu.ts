// CPU time of process trees, from Linux's /proc: where a round's CPU went (the app server, the
// bench's own Postgres, the bench process itself). Elsewhere (no /proc) there are no figures.
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc/PID/stat's times (USER_HZ: 100 on Linux builds). */
const TICKS_PER_SECOND = 100;

interface Proc {
  ppid: number;
  comm: string;
  /** utime + stime, ms */
  cpuMs: number;
}

function readProcs(): Map<number, Proc> {
  const procs = new Map<number, Proc>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return procs;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid … field 14 utime, 15 stime; comm may hold spaces and parentheses.
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const fields = stat.slice(close + 2).split(" ");
      procs.set(Number(entry), { ppid: Number(fields[1]), comm, cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND });
    } catch {
      // Gone meanwhile.
    }
  }
  return procs;
}

function descendants(procs: Map<number, Proc>, root: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const [pid, proc] of procs) children.set(proc.ppid, [...(children.get(proc.ppid) ?? []), pid]);
  const found = new Set<number>();
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    if (found.has(pid)) continue;
    found.add(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return found;
}

export interface CpuGroups {
  /** ms of CPU per group; undefined where nothing could be read. */
  app?: number;
  postgres?: number;
  bench?: number;
}

/**
 * Starts counting: the returned function gives the CPU used since, by the app server's process
 * tree (`appPid` and its descendants), this process's Postgres servers (descendants named
 * "postgres": the embedded server; none when DATABASE_URL points elsewhere) and this process.
 * Processes that ended meanwhile are not counted.
 */
export function countCpu(appPid?: number): () => CpuGroups {
  const before = readProcs();
  return () => {
    const after = readProcs();
    if (!after.size) return {};
    const used = (pids: Iterable<number>) => {
      let total = 0;
      for (const pid of pids) {
        const now = after.get(pid);
        if (now) total += now.cpuMs - (before.get(pid)?.cpuMs ?? 0);
      }
      return total;
    };
    const mine = descendants(after, process.pid);
    const postgres = [...mine].filter((pid) => after.get(pid)?.comm === "postgres");
    return {
      app: appPid ? used(descendants(after, appPid)) : undefined,
      postgres: postgres.length ? used(postgres) : undefined,
      bench: used([process.pid]),
    };
  };
}
