/** The load parallelism decisions take: measured now from /proc/stat, not the 1-minute average. */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { busyCores } from '../../src/io/cpu-load.js';
import { splitPaysNow } from '../../src/check/shard.js';

describe('busyCores', () => {
  it('is a number of cores between 0 and the machine’s cores', async () => {
    const cores = availableParallelism();
    const b = await busyCores(cores, 30);
    expect(b).toBeGreaterThanOrEqual(0);
    expect(b).toBeLessThanOrEqual(cores + 0.01);
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

describe('splitPaysNow', () => {
  it('follows SATUDATA_SHARD and the size without measuring', async () => {
    expect(await splitPaysNow(64 * 1024 * 1024, 'never')).toBe(false);
    expect(await splitPaysNow(64 * 1024 * 1024, 'always')).toBe(true);
    expect(await splitPaysNow(1024, undefined)).toBe(false);
  });
});
