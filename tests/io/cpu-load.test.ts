/** The load parallelism decisions take: measured now from /proc/stat, not the 1-minute average. */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { busyCores, loadProbe, othersBusy } from '../../src/io/cpu-load.js';

describe('busyCores', () => {
  it('is a number of cores between 0 and the machine’s cores', async () => {
    const cores = availableParallelism();
    const b = await busyCores(cores, 30);
    expect(b).toBeGreaterThanOrEqual(0);
    expect(b).toBeLessThanOrEqual(cores + 0.01);
  });

  it('takes this process’s own CPU time out (a thread of ours hashing or reading ahead is not other work)', () => {
    // 2 cores over 0.1 s = 20 ticks; 15 ticks busy, of which 0.1 s (10 ticks) were ours: 5 ticks = 0.5 cores of others
    expect(othersBusy({ busy: 100, total: 1000 }, { busy: 115, total: 1020 }, 100_000, 2)).toBeCloseTo(0.5);
    // all the busy time ours: no other work; never below 0 or above the cores
    expect(othersBusy({ busy: 100, total: 1000 }, { busy: 110, total: 1020 }, 120_000, 2)).toBe(0);
    expect(othersBusy({ busy: 0, total: 0 }, { busy: 50, total: 20 }, 0, 2)).toBe(2);
  });

  it('sees a process that keeps a core busy right now (the 1-minute load average would not yet)', async () => {
    const cores = availableParallelism();
    const child = spawn(process.execPath, ['-e', 'const end = Date.now() + 5000; while (Date.now() < end) {}'], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 150)); // the child is running its loop
      expect(await busyCores(cores, 200)).toBeGreaterThan(0.6);
    } finally {
      child.kill();
    }
  });
});

describe('loadProbe', () => {
  it('measures from its start to its call, and waits only for what is left of the window', async () => {
    const cores = availableParallelism();
    const probe = loadProbe(cores, 100);
    const until = performance.now() + 150;
    while (performance.now() < until); // this thread's own work, longer than the window
    const t = performance.now();
    const b = await probe();
    expect(performance.now() - t).toBeLessThan(40);
    expect(b).toBeGreaterThanOrEqual(0);
    expect(b).toBeLessThanOrEqual(cores + 0.01);
    // called at once, it waits for the window
    const t2 = performance.now();
    await loadProbe(cores, 80)();
    expect(performance.now() - t2).toBeGreaterThanOrEqual(70);
  });
});
