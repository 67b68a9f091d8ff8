/**
 * An output that cannot be written (read-only disk, permission denied, disk full) ends `fix` with one coded
 * `output-error` line naming the output and the reason in the user's language, and nothing half-written:
 * the errors are injected into the file writer (the tests run as root, so a read-only folder would not refuse).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

/** The next write stream whose path matches `match` fails with this errno (as Node reports it). */
const inject: { match?: RegExp; code?: string; withPath?: boolean } = {};

// the error is injected into node:fs itself (its named exports follow the module object once synced), so the
// writer under test is the real one, whichever test file loaded it first
const require = createRequire(import.meta.url);
const fs = require('node:fs') as typeof import('node:fs');
const realCreate = fs.createWriteStream;
beforeAll(() => {
  fs.createWriteStream = ((path: string, opts?: unknown) => {
    if (!(inject.match && inject.code && typeof path === 'string' && inject.match.test(path))) return realCreate(path, opts as never);
    const { code, withPath } = inject;
    inject.match = undefined;
    const err = Object.assign(new Error(`${code}: injected`), { code, errno: -1, syscall: withPath ? 'open' : 'write', ...(withPath ? { path } : {}) });
    // the file is opened (so a half-written temporary exists), then the first write fails
    const real = realCreate(path, opts as never);
    return new Writable({
      write(_chunk, _enc, cb) {
        real.end(() => cb(err));
      },
      final(cb) {
        real.end(() => cb());
      },
    });
  }) as typeof fs.createWriteStream;
  syncBuiltinESMExports();
});
afterAll(() => {
  fs.createWriteStream = realCreate;
  syncBuiltinESMExports();
});

const { runFixFile } = await import('../../src/fix/run.js');
const { OutputError } = await import('../../src/io/atomic.js');
const { reportInternalError } = await import('../../src/cli/internal-error.js');
const { standardById } = await import('../../src/standards/resolve.js');

const MESSY = join(import.meta.dirname, '../../fixtures/csv/penduduk-kecamatan-messy.csv');
const dir = mkdtempSync(join(tmpdir(), 'satudata-fix-oe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  inject.match = undefined;
  vi.restoreAllMocks();
});

/** Runs fix with the error injected; returns the error and the one line the CLI prints for it. */
async function failing(name: string, target: 'tidy' | 'log', code: string, withPath: boolean) {
  const sub = join(dir, name);
  const out = join(sub, 'rapi.csv');
  // the tidy file's temporary is `.rapi.csv.tmp-…`; the change log's spools `.rapi.csv.perubahan.csv.tmp-….body`
  inject.match = target === 'tidy' ? /\.rapi\.csv\.tmp-[^/]*$/ : /\.perubahan\.csv\.tmp-[^/]*\.body$/;
  inject.code = code;
  inject.withPath = withPath;
  const std = await standardById('penduduk-jenis-kelamin-kecamatan');
  const err = await runFixFile(MESSY, std, out).then(() => null, (e: unknown) => e);
  const lines: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (lines.push(String(s)), true));
  const exit = reportInternalError(err, 'id');
  vi.restoreAllMocks();
  return { err, exit, text: lines.join(''), left: existsSync(sub) ? readdirSync(sub) : [], out };
}

describe('fix: an output that cannot be written', () => {
  it.each([
    ['EROFS', 'sistem berkas hanya-baca', '@reason.read-only'],
    ['EACCES', 'izin ditolak', '@reason.permission'],
    ['ENOSPC', 'ruang disk habis', '@reason.no-space'],
  ])('%s on the tidy file: output-error naming it, "%s", nothing left', async (code, words, reason) => {
    const r = await failing(`tidy-${code}`, 'tidy', code, true);
    expect(r.err).toBeInstanceOf(OutputError);
    expect((r.err as InstanceType<typeof OutputError>).reason).toBe(reason);
    expect((r.err as InstanceType<typeof OutputError>).path).toBe(r.out);
    expect(r.exit).toBe(2);
    expect(r.text).toContain('[output-error]');
    expect(r.text).toContain(words);
    expect(r.text).toContain(r.out);
    // one coded line (its hint indented below it), no stack trace
    expect(r.text.trim().split('\n').filter((l) => !/^\s/.test(l))).toHaveLength(1);
    expect(r.text).not.toMatch(/\bat \S+ \(/);
    expect(r.left).toEqual([]);
  });

  it('a full disk while the change log streams (a write with no path) names the change log; neither output is left', async () => {
    const r = await failing('log-ENOSPC', 'log', 'ENOSPC', false);
    expect(r.err).toBeInstanceOf(OutputError);
    expect((r.err as InstanceType<typeof OutputError>).path).toBe(`${r.out}.perubahan.csv`);
    expect(r.text).toContain('ruang disk habis');
    expect(r.left).toEqual([]);
  });
});
