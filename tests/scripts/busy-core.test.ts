import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { keepCoreBusy, TAG } from '../../scripts/bench-lib/busy-core.mjs';
import { busyCores } from '../../src/io/cpu-load.js';

/** The spinning processes running now (their command line, from /proc). */
const spinners = (): number =>
  readdirSync('/proc').filter((d) => {
    if (!/^\d+$/.test(d)) return false;
    try {
      return readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(TAG);
    } catch {
      return false; // ended meanwhile
    }
  }).length;

describe.runIf(process.platform === 'linux')('bench: the second core kept busy on purpose', () => {
  it('is seen as other work by the probe the product decides from, and is gone once stopped', async () => {
    const before = spinners();
    const stop = await keepCoreBusy();
    try {
      expect(spinners()).toBe(before + 1);
      // one spinning process: about one core of other work (more if the machine is busy already)
      expect(await busyCores(2, 400)).toBeGreaterThanOrEqual(0.6);
    } finally {
      await stop();
    }
    expect(spinners()).toBe(before);
  });

  it('ends by itself when the bench that started it is killed', async () => {
    const before = spinners();
    const script = `import(${JSON.stringify(new URL('../../scripts/bench-lib/busy-core.mjs', import.meta.url).href)}).then((m) => m.keepCoreBusy()).then(() => process.kill(process.pid, 'SIGKILL'))`;
    spawnSync(process.execPath, ['-e', script]);
    // the spinner looks at its parent every 50 ms
    await new Promise((r) => setTimeout(r, 400));
    expect(spinners()).toBe(before);
  });
});
