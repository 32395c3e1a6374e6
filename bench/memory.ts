// The bench process's memory: the resident set size sampled on a timer while some work runs.
import v8 from "node:v8";
import vm from "node:vm";

/**
 * A full garbage collection, so that a measurement starts from the live heap rather than from
 * whatever the previous step left behind. The command line has no --expose-gc; the flag is set
 * at run time, which V8 honours for contexts made afterwards.
 */
function makeCollector(): () => void {
  try {
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as unknown;
    if (typeof gc === "function") return gc as () => void;
  } catch {
    // Fall through: measure without collecting first.
  }
  return () => {};
}

export const collectGarbage = makeCollector();

export interface MemoryPeak {
  /** RSS just before the work started. */
  before: number;
  peak: number;
  /** peak - before */
  growth: number;
  samples: number;
}

/** Runs `work` while sampling process RSS every `intervalMs`; reports the peak over the start. */
export async function withRssSampling<T>(work: () => Promise<T>, intervalMs = 20): Promise<{ result: T; memory: MemoryPeak }> {
  collectGarbage();
  const before = process.memoryUsage.rss();
  let peak = before;
  let samples = 0;
  const sample = () => {
    samples += 1;
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const timer = setInterval(sample, intervalMs);
  try {
    const result = await work();
    sample();
    return { result, memory: { before, peak, growth: peak - before, samples } };
  } finally {
    clearInterval(timer);
  }
}
