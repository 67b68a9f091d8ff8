/** fix keeps the evidence: totals are checked before they are dropped; derived values are recomputed only when asked. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'satudata-aggfix-'));
const STD = ['--standard', 'pengaduan-pelayanan-publik-opd'];

describe('fix with aggregate rows and derived values', () => {
  it('a wrong ratio in the Total row is listed as unresolved and its drop is logged with the check', () => {
    const out = join(tmp, 'total.csv');
    const r = runCli(['fix', 'fixtures/aggregates/pengaduan-opd-total-salah.csv', ...STD, '--out', out, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('G6       Ratio in a totals row is wrong: Column "persentase_ditindaklanjuti": 68,00 should be 66,55 (185/278)');
    const log = readFileSync(out + '.perubahan.csv', 'utf8');
    expect(log).toContain('B6,drop-total-row,"Total | 278 | 185 | 68,00","total-mismatch: persentase_ditindaklanjuti 68,00≠66,55"');
    expect(readFileSync(out, 'utf8')).not.toContain('Total');
  });

  it('a total that adds up is logged as checked', () => {
    const out = join(tmp, 'ok.csv');
    runCli(['fix', 'fixtures/aggregates/pengaduan-opd-total-benar.csv', ...STD, '--out', out]);
    expect(readFileSync(out + '.perubahan.csv', 'utf8')).toContain('B5,drop-total-row,Total | 717 | 374 | 52,total-ok');
  });

  it('a wrong percentage in a data row is reported, and recomputed only with --recompute (logged)', () => {
    const a = join(tmp, 'a.csv');
    const plain = runCli(['fix', 'fixtures/aggregates/pengaduan-opd-persen-salah.csv', ...STD, '--out', a, '--format', 'json']);
    const report = JSON.parse(plain.stdout);
    const problems = (report.problems ?? report.fix?.problems ?? report.tables?.[0]?.problems) as { type?: string; code?: string; cell?: string }[];
    expect(problems.map((p) => [p.type ?? p.code, p.cell])).toEqual([['formula-mismatch', 'G3']]);
    expect(readFileSync(a, 'utf8')).toContain('Dinas Kesehatan,2024,TW2,56,38,70\n');
    const b = join(tmp, 'b.csv');
    const fixed = runCli(['fix', 'fixtures/aggregates/pengaduan-opd-persen-salah.csv', ...STD, '--out', b, '--recompute']);
    expect(fixed.code).toBe(0);
    expect(readFileSync(b, 'utf8')).toContain('Dinas Kesehatan,2024,TW2,56,38,67.86\n');
    expect(readFileSync(b + '.perubahan.csv', 'utf8')).toContain('G3,recompute,"70,00",67.86');
  });
});
