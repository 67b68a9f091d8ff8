/**
 * Other work on demand, for the rows whose target is "with the second core busy": one process spinning on a core
 * (no I/O, no memory) for as long as the row runs. The bench's own "other work" probe (src/io/cpu-load.ts) sees it
 * before every run, as it would see an engineer's build, so the row is judged against its busy-core target, and
 * satudata decides how to use the cores from the same reading as on any busy machine.
 */
import { spawn } from 'node:child_process';

/** Marks the spinning process's command line (tests find it by this). */
export const TAG = '/* satudata-bench-busy-core */';

/** Starts the spinning process; resolves, once it runs, to a function that stops it. */
export async function keepCoreBusy() {
  // spins in 50 ms slices and ends itself when the bench is gone (its parent changes), so that a bench killed
  // midway leaves no process spinning behind
  const spin = `${TAG} const p = process.ppid; for (;;) { const t = Date.now() + 50; while (Date.now() < t); if (process.ppid !== p) process.exit(0); }`;
  const child = spawn(process.execPath, ['-e', spin], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // ~0.3 s: the process has started and spins (node takes ~0.1 s to start)
  await new Promise((resolve) => setTimeout(resolve, 300));
  return async () => {
    child.kill('SIGKILL');
    await exited;
  };
}
