/**
 * How many cores other work keeps busy right now: from two readings of /proc/stat a short moment apart (Linux),
 * else the 1-minute load average. The load average lags by a minute: right after a long job it still says
 * "busy" although both cores are idle, and right after the machine gets busy it still says "free". Parallelism
 * decisions (src/check/shard.ts) take this instead.
 *
 * This process's own CPU time over the same moment (all its threads: a hash worker, a reader decoding ahead) is
 * taken out: only other work counts. It costs `ms` of wall time, once per decision, only where a decision is made
 * (a large CSV, a repository of large files).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/**
 * The busy and total jiffies of all cores (the first line of /proc/stat). Read synchronously (a small kernel
 * file), so that this process's CPU time is read at the same moment: an await in between lets this thread run
 * other work first, and the two windows would no longer match (the load measured during a validation's own
 * start-up read as a busy core).
 */
function cpuTimes(): { busy: number; total: number } | null {
  try {
    const text = readFileSync('/proc/stat', 'utf8');
    const first = text.slice(0, text.indexOf('\n'));
    const v = first.trim().split(/\s+/).slice(1).map(Number);
    if (v.length < 4 || v.some((x) => !Number.isFinite(x))) return null;
    const idle = v[3]! + (v[4] ?? 0); // idle + iowait
    const total = v.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** Clock ticks per second of /proc/stat (USER_HZ: 100 on every Linux Node runs on). */
const USER_HZ = 100;

/** Cores busy with other work now (0 … cores), measured over `ms`; the 1-minute load average where /proc is missing. */
export function busyCores(cores: number, ms = 100): Promise<number> {
  return loadProbe(cores, ms)();
}

/**
 * Starts measuring the load now; the returned function ends the measurement when called (waiting only for what
 * is left of `ms`). The first reading is taken at once and the second when the answer is needed, so the
 * measurement spans the work in between instead of a timer that fires only when this thread is free.
 */
export function loadProbe(cores: number, ms = 100): () => Promise<number> {
  const a = cpuTimes();
  const ownA = process.cpuUsage();
  const start = performance.now();
  return async () => {
    if (!a) return loadavg()[0]!;
    const left = ms - (performance.now() - start);
    if (left > 0) await new Promise((r) => setTimeout(r, left));
    const b = cpuTimes();
    const own = process.cpuUsage(ownA);
    if (!b || b.total <= a.total) return loadavg()[0]!;
    return othersBusy(a, b, own.user + own.system, cores);
  };
}

/** Busy cores between two /proc/stat readings, less this process's own CPU time (µs) over the same moment. */
export function othersBusy(a: { busy: number; total: number }, b: { busy: number; total: number }, ownMicros: number, cores: number): number {
  const ownTicks = (ownMicros / 1e6) * USER_HZ;
  const perCore = (b.total - a.total) / cores;
  return Math.min(cores, Math.max(0, (b.busy - a.busy - ownTicks) / perCore));
}
