/**
 * vitest globalSetup: every temporary file or folder the tests (and the binaries they spawn) make goes under
 * one folder of this run, removed at the end, so runs leave nothing behind in the system temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const saved = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), 'satudata-tests-'));
  process.env.TMPDIR = root; // os.tmpdir() in the workers and in spawned processes
  return () => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    rmSync(root, { recursive: true, force: true });
  };
}
