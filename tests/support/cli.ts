/** Runs the built CLI (bin/satudata.js → dist/) as a user would. `npm test` builds first. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/satudata.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string> = {}, cwd = ROOT): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', CI: 'true', SATUDATA_LANG: '', ...env },
    encoding: 'utf8',
    timeout: 60000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The CLI in this process: main() from src, as bin/satudata.js calls it, with stdout and stderr captured and the
 * same environment as runCli. For tests whose subject is what a command computes, not the process around it
 * (exit signals, stack traces, a real terminal): no node start-up per call. Calls must not overlap.
 */
export async function runMain(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const { main } = await import('../../src/cli/main.js');
  const vars: Record<string, string> = { NO_COLOR: '1', CI: 'true', SATUDATA_LANG: '', ...env };
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  let stdout = '';
  let stderr = '';
  const capture = (append: (s: string) => void) => ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    done?.();
    return true;
  }) as typeof process.stdout.write;
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = capture((s) => (stdout += s));
  process.stderr.write = capture((s) => (stderr += s));
  try {
    const code = await main(['node', 'satudata', ...args]);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Like runCli, without blocking the event loop (for tests whose loopback server runs in this process). */
export function runCliAsync(args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<CliResult> {
  return import('node:child_process').then(({ spawn }) => new Promise<CliResult>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', CI: 'true', SATUDATA_LANG: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  }));
}
