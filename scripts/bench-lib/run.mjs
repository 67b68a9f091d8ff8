/** Runs one measured child process: wall seconds (spawn → exit), peak RSS, exit status, captured output. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// BENCH_RSS=resourceUsage forces the fallback (to test it where /usr/bin/time exists).
export const TIME_BIN = process.env.BENCH_RSS !== 'resourceUsage' && existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const MAXRSS_PRELOAD = fileURLToPath(new URL('./maxrss.mjs', import.meta.url));

/**
 * Runs `node ...args` in `cwd`. Peak RSS comes from `/usr/bin/time -f %M` (KiB) when it exists, else from a
 * preload that prints process.resourceUsage().maxRSS at exit. Never rejects.
 */
export function runNode(args, { cwd, measureRss = true, timeoutMs = 0 } = {}) {
  const rssFile = join(tmpdir(), `satudata-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  let cmd = process.execPath, argv = args;
  if (measureRss && TIME_BIN) {
    cmd = TIME_BIN;
    argv = ['-o', rssFile, '-f', '%M %U %S', process.execPath, ...args];
  } else if (measureRss) {
    argv = ['--import', MAXRSS_PRELOAD, ...args];
  }
  return new Promise((resolve) => {
    const out = [], err = [];
    const t0 = performance.now();
    let child;
    try {
      child = spawn(cmd, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    } catch (e) {
      resolve({ code: null, signal: null, wall: 0, rssMB: null, stdout: '', stderr: String(e) });
      return;
    }
    const timer = timeoutMs ? setTimeout(() => child.kill('SIGKILL'), timeoutMs) : null;
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('error', (e) => err.push(Buffer.from(String(e))));
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const wall = (performance.now() - t0) / 1000;
      let stderr = Buffer.concat(err).toString('utf8');
      let rssKB = null;
      let cpu = null;
      if (measureRss && TIME_BIN) {
        // GNU time writes "Command exited with non-zero status N" / "Command terminated by signal N" first.
        try {
          const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
          const last = lines.pop().trim().split(/\s+/);
          if (/^\d+$/.test(last[0])) rssKB = Number(last[0]);
          if (last.length === 3) cpu = Number(last[1]) + Number(last[2]);
          const sig = lines.join(' ').match(/terminated by signal (\d+)/);
          if (sig) signal = `signal ${sig[1]}`;
        } catch { /* time did not write it */ }
        rmSync(rssFile, { force: true });
      } else if (measureRss) {
        const m = stderr.match(/\nBENCH_MAXRSS_KB (\d+) ([\d.]+)\n?$/);
        if (m) {
          rssKB = Number(m[1]);
          cpu = Number(m[2]);
          stderr = stderr.slice(0, m.index);
        }
      }
      resolve({
        code,
        signal,
        wall,
        /** user + system CPU seconds of the child (all its threads) */
        cpu,
        rssMB: rssKB === null ? null : rssKB / 1024,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr,
      });
    });
  });
}

/** The last line of stdout parsed as JSON, or null. */
export function lastJsonLine(stdout) {
  const line = stdout.trim().split('\n').pop();
  try { return JSON.parse(line); } catch { return null; }
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
