/**
 * Runs docs/ci.md's GitHub Actions and GitLab CI examples as written: the install step for real (`npm install -g
 * "$SATUDATA_TARBALL"` with the tarball `npm pack` makes of this checkout, into a temporary npm prefix, offline: the
 * tarball carries its dependencies), then the `satudata validate` steps with the installed `satudata` on PATH, against a
 * git copy of fixtures/repo/ (a base commit on main, then a "pull request" commit that adds an XLSX and changes the file
 * with errors). CI variables are set as in CI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ROOT } from '../support/cli.js';

const ciDoc = readFileSync(join(ROOT, 'docs', 'ci.md'), 'utf8');

/** The ```yaml block under a heading of docs/ci.md, as lines with the YAML list/`run:` prefix removed. */
function stepLines(heading: string): string[] {
  const at = ciDoc.indexOf(heading);
  expect(at, heading).toBeGreaterThan(0);
  const block = /```yaml\n([\s\S]*?)```/.exec(ciDoc.slice(at))![1]!;
  return block.split('\n').map((l) => l.replace(/^\s*(?:-\s+)?(?:run:\s*)?/, ''));
}
const commands = (heading: string) => stepLines(heading).filter((l) => l.startsWith('satudata validate'));
const installs = (heading: string) => stepLines(heading).filter((l) => l.startsWith('npm install'));

let work: string;
let repo: string;
let env: Record<string, string>;
let tarball: string;
let prefix: string;

function git(...args: string[]): void {
  execFileSync('git', args, { cwd: repo, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } });
}

function sh(command: string, extra: Record<string, string> = {}) {
  const r = spawnSync('bash', ['-c', command], { cwd: repo, env: { ...process.env, ...env, ...extra }, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'satudata-ci-'));
  repo = join(work, 'repo');
  cpSync(join(ROOT, 'fixtures', 'repo'), repo, { recursive: true });
  // a scratch file the repository's .gitignore (tmp/) keeps out of validation
  mkdirSync(join(repo, 'tmp'), { recursive: true });
  writeFileSync(join(repo, 'tmp', 'coretan.csv'), 'a,b\n1,2\n');
  // the release tarball, as a maintainer makes it (dist/ is already built by `npm test`, so no prepare script here)
  const packDir = join(work, 'pack');
  mkdirSync(packDir);
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', packDir], { cwd: ROOT, stdio: 'ignore' });
  tarball = join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz'))!);
  prefix = join(work, 'prefix');
  env = {
    PATH: `${join(prefix, 'bin')}:${process.env.PATH}`, NO_COLOR: '1', CI: 'true', SATUDATA_LANG: '', GITHUB_STEP_SUMMARY: join(work, 'summary.md'),
    SATUDATA_TARBALL: tarball, npm_config_prefix: prefix, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false',
    npm_config_cache: join(work, 'npm-cache'), // empty cache: the tarball must install with no registry at all
  };
  // base: the valid files only, on main (also known as origin/main, as after actions/checkout)
  const changedLater = join(repo, 'data', 'penduduk', '2023', 'penduduk-kecamatan-2023.csv');
  const withErrors = readFileSync(changedLater);
  writeFileSync(changedLater, readFileSync(join(repo, 'data', 'penduduk', '2022', 'penduduk-kecamatan-2022.csv')));
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  // the pull request: the 2023 file now has errors, and a new workbook
  git('checkout', '-q', '-b', 'pr');
  writeFileSync(changedLater, withErrors);
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Petunjuk').addRow(['Isi sheet Data']);
  const ws = wb.addWorksheet('Data');
  ws.addRow(['kode_wilayah', 'nama_kecamatan', 'tahun', 'laki_laki', 'perempuan', 'jumlah']);
  ws.addRow(['52.01.01', 'Gerung', 2024, 43351, 42877, 86228]);
  ws.addRow(['52.01.02', 'Kediri', 2024, 29599, 29757, 59357]); // jumlah off by one: F3
  mkdirSync(join(repo, 'data', 'sekolah'), { recursive: true });
  await wb.xlsx.writeFile(join(repo, 'data', 'sekolah', 'rekap.xlsx'));
  git('add', '-A');
  git('commit', '-q', '-m', 'pr');
}, 120000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('docs/ci.md CI examples against fixtures/repo', () => {
  it('the install step of both examples installs satudata from the release tarball, offline, into an empty prefix', () => {
    const gh = installs('### GitHub Actions');
    const gl = installs('### GitLab CI');
    expect(gh).toEqual(['npm install -g "$SATUDATA_TARBALL"']);
    expect(gl).toEqual(gh);
    const r = sh(gh[0]!);
    expect(r.code, r.stderr).toBe(0);
    const v = sh('command -v satudata && satudata --version');
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout).toContain(join(prefix, 'bin', 'satudata'));
    expect(v.stdout.trim().split('\n').pop()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  }, 120000);

  it('GitHub Actions: workflow commands, the JSON report, the job summary', () => {
    const cmds = commands('### GitHub Actions');
    expect(cmds).toHaveLength(2);
    const ghEnv = { GITHUB_BASE_REF: 'main' };
    const run = (c: string) => sh(c.replace(/\$\{\{\s*github\.base_ref\s*\}\}/g, '$GITHUB_BASE_REF'), ghEnv);
    const first = run(cmds[0]!);
    expect(first.code, first.stderr).toBe(1);
    expect(first.stdout).toMatch(/^::error file=data\/penduduk\/2023\/penduduk-kecamatan-2023\.csv,line=3,col=4,title=Tipe salah \[type-error\]::/m);
    expect(first.stdout).toMatch(/^::error file=data\/sekolah\/rekap\.xlsx,title=[^:]*\[sum-mismatch\]::Data!F3: /m); // no line for workbooks: the cell in the message
    expect(first.stdout).not.toContain('penduduk-kecamatan-2022.csv'); // unchanged since origin/main
    const report = JSON.parse(readFileSync(join(repo, 'satudata-report.json'), 'utf8'));
    expect(report.$schema).toBe('satudata-report/1');
    expect(report.tables.map((t: { path: string }) => t.path)).toEqual(['data/penduduk/2023/penduduk-kecamatan-2023.csv', 'data/sekolah/rekap.xlsx']);
    const xlsx = report.tables[1];
    expect(xlsx.sheet).toBe('Data'); // from the config
    const second = run(cmds[1]!);
    expect(second.code).toBe(1);
    const summary = readFileSync(join(work, 'summary.md'), 'utf8');
    expect(summary).toContain('| data/penduduk/2023/penduduk-kecamatan-2023.csv |');
    expect(summary).toContain('<details open>');
  });

  it('GitLab CI: JUnit XML with a failure per error', () => {
    const cmds = commands('### GitLab CI');
    expect(cmds).toHaveLength(1);
    const r = sh(cmds[0]!, { CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main' });
    expect(r.code, r.stderr).toBe(1);
    const xml = readFileSync(join(repo, 'satudata-junit.xml'), 'utf8');
    // 2022 data: its unknown region code may be an older Kemendagri code (region-code-old-edition, a warning)
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="satudata" tests="2" failures="6" errors="0"/);
    expect(xml).toContain('<failure type="type-error"');
    expect(existsSync(join(repo, 'satudata-report.json'))).toBe(true);
  });

  it('the whole repository validates with the config (exit 1: one file has errors)', () => {
    const r = sh('satudata validate . --format json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    const paths = report.tables.map((t: { path: string }) => t.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).not.toContain('tmp/coretan.csv'); // .gitignore
    expect(paths).toContain('paket/ipm/ipm.csv'); // from the data package
    const pinned = report.tables.find((t: { path: string }) => t.path.endsWith('2022.csv'));
    expect(pinned.standard).toMatchObject({ id: 'penduduk-jenis-kelamin-kecamatan', version: '1.0.0' });
  });

  it('--changed-since outside git, or with an unknown ref, is a coded error (exit 2)', () => {
    const r = sh('satudata validate . --changed-since origin/tidak-ada');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[git-error]');
    const outside = mkdtempSync(join(tmpdir(), 'satudata-nogit-'));
    writeFileSync(join(outside, 'a.csv'), 'a,b\n1,2\n');
    const o = spawnSync('bash', ['-c', 'satudata validate . --changed-since main'], { cwd: outside, env: { ...process.env, ...env, GIT_CEILING_DIRECTORIES: tmpdir() }, encoding: 'utf8' });
    expect(o.status).toBe(2);
    expect(o.stderr).toContain('[not-a-git-repo]');
    rmSync(outside, { recursive: true, force: true });
  });
});
