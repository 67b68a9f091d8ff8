/** fileWorkers (src/check/shard.ts): how many worker threads repository mode uses — the same spare-core rule as splitPays. */
import { afterEach, describe, expect, it } from 'vitest';
import { fileWorkers, spareCore, splitPays, WORKER_MIN_BYTES } from '../../src/check/shard.js';

afterEach(() => {
  delete process.env.SATUDATA_WORKER_MIN_BYTES;
});

const MB = 1024 * 1024;

describe('whether workers pay in repository mode', () => {
  it('uses min(cores, large files, --concurrency) workers when a core is free', () => {
    const eight = Array(8).fill(40 * MB);
    expect(fileWorkers(eight, 4, undefined, 2, 0.2)).toBe(2);
    expect(fileWorkers(eight, 4, undefined, 8, 0.5)).toBe(4); // --concurrency bounds it
    expect(fileWorkers(eight.slice(0, 3), 8, undefined, 8, 0.5)).toBe(3); // so do the files
    expect(fileWorkers(eight, 1, undefined, 2, 0)).toBe(0); // --concurrency 1: one file at a time, here
  });

  it('stays on one thread when the second core is busy, with one core, or with small files', () => {
    const eight = Array(8).fill(40 * MB);
    expect(fileWorkers(eight, 4, undefined, 2, 1.1)).toBe(0);
    expect(fileWorkers(eight, 4, undefined, 1, 0)).toBe(0);
    expect(fileWorkers(Array(200).fill(40 * 1024), 4, undefined, 2, 0)).toBe(0); // many small files lose
    expect(fileWorkers([40 * MB, 1024, 1024], 4, undefined, 2, 0)).toBe(0); // one large file: the shard decides
    expect(fileWorkers([40 * MB], 4, undefined, 2, 0)).toBe(0);
    expect(fileWorkers([WORKER_MIN_BYTES, WORKER_MIN_BYTES, 10], 4, undefined, 2, 0)).toBe(2);
  });

  it('SATUDATA_WORKERS=always|never and SATUDATA_WORKER_MIN_BYTES override', () => {
    const small = [10, 20, 30];
    expect(fileWorkers(small, 4, 'always', 1, 9)).toBe(2);
    expect(fileWorkers(small, 1, 'always', 2, 0)).toBe(1);
    expect(fileWorkers(small, 4, 'always', 8, 0)).toBe(3);
    expect(fileWorkers([10], 4, 'always', 2, 0)).toBe(0); // one file: nothing to run side by side
    expect(fileWorkers(Array(8).fill(40 * MB), 4, 'never', 2, 0)).toBe(0);
    process.env.SATUDATA_WORKER_MIN_BYTES = '5';
    expect(fileWorkers(small, 4, undefined, 2, 0)).toBe(2);
  });

  it('one rule for a free core, shared with splitPays', () => {
    for (const [cores, load] of [[2, 0.2], [2, 0.6], [2, 1.1], [1, 0], [4, 2.4], [4, 2.6]] as const) {
      expect(splitPays(64 * MB, undefined, cores, load)).toBe(spareCore(cores, load));
      expect(fileWorkers([40 * MB, 40 * MB], 4, undefined, cores, load) > 0).toBe(spareCore(cores, load));
    }
  });
});
