/**
 * How many cores other work keeps busy right now: from two readings of /proc/stat a short moment apart (Linux),
 * else the 1-minute load average. The load average lags by a minute: right after a long job it still says
 * "busy" although both cores are idle, and right after the machine gets busy it still says "free". Parallelism
 * decisions (src/check/shard.ts) take this instead.
 *
 * The reading is taken while this thread waits (its own work is not counted); it costs `ms` of wall time, once per
 * decision, only where a decision is made (a large CSV, a repository of large files).
 */
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';

/** The busy and total jiffies of all cores (the first line of /proc/stat). */
async function cpuTimes(): Promise<{ busy: number; total: number } | null> {
  try {
    const text = await readFile('/proc/stat', 'utf8');
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

/** Cores busy with other work now (0 … cores), measured over `ms`; the 1-minute load average where /proc is missing. */
export async function busyCores(cores: number, ms = 60): Promise<number> {
  const a = await cpuTimes();
  if (!a) return loadavg()[0]!;
  await new Promise((r) => setTimeout(r, ms));
  const b = await cpuTimes();
  if (!b || b.total <= a.total) return loadavg()[0]!;
  return ((b.busy - a.busy) / (b.total - a.total)) * cores;
}
