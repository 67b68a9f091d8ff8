import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { scoreReport, splitCell, describePlace } from '../../scripts/corpus-score.mjs';
import { CATALOG } from '../../src/report/catalog.js';

type Issue = { type: string; severity: string; cell?: string; rowNumber?: number; columnLetter?: string; sheet?: string; params?: Record<string, unknown> };
const report = (...tables: Issue[][]) => ({ tables: tables.map((issues, i) => ({ sheet: `S${i + 1}`, issues })) });
const line = (type: string, severity: string, cell?: string, extra: Partial<Issue> = {}): Issue => {
  const at = cell ? splitCell(cell) : null;
  return { type, severity, ...(cell ? { cell, rowNumber: at.row, columnLetter: at.col } : {}), ...extra };
};

describe('corpus scoring', () => {
  it('matches by code and place: cell, row, column and file', () => {
    const expected = {
      standard: null,
      findings: [
        { code: 'total-mismatch', level: 'required', cell: 'C20' },
        { code: 'total-row', level: 'required', row: 20 },
        { code: 'missing-marker', level: 'required', col: 'D' },
        { code: 'wide-layout', level: 'required' },
        { code: 'bom', level: 'acceptable' },
      ],
    };
    const s = scoreReport(expected, report([
      line('total-mismatch', 'error', 'C20'),
      line('total-row', 'warning', 'A20'),
      line('missing-marker', 'warning', 'D7'),
      line('wide-layout', 'warning', 'B1'),
      line('bom', 'info'),
    ]));
    expect(s).toMatchObject({ required: 4, requiredFound: 4, lines: 5, linesRight: 5, strongLines: 4, strongRight: 4 });
    expect(s.missed).toEqual([]);
  });

  it('counts a line at the wrong place, a repeat at the same place and an unexpected code as noise', () => {
    const expected = { standard: null, findings: [{ code: 'total-row', level: 'required', row: 20 }, { code: 'missing-marker', level: 'required', col: 'D' }] };
    const s = scoreReport(expected, report([
      line('total-row', 'warning', 'A19'),
      line('missing-marker', 'warning', 'D5'),
      line('missing-marker', 'warning', 'D9'),
      line('ambiguous-number', 'warning', 'E3'),
    ]));
    expect(s.requiredFound).toBe(1);
    expect(s.missed.map((f: { code: string }) => f.code)).toEqual(['total-row']);
    expect(s.noise.map((l: { type: string; row: number }) => `${l.type}@${l.row}`)).toEqual(['total-row@19', 'missing-marker@9', 'ambiguous-number@3']);
    expect(s.linesRight).toBe(1);
  });

  it('accepts only the documented equivalent codes', () => {
    const expected = { standard: null, findings: [{ code: 'derived-mismatch', level: 'required', cell: 'D6' }, { code: 'number-style', level: 'acceptable', col: 'B' }] };
    const s = scoreReport(expected, report([line('sum-mismatch', 'error', 'D6'), line('thousand-dots', 'info', 'B2'), line('type-error', 'error', 'B3')]));
    expect(s.requiredFound).toBe(1);
    expect(s.linesRight).toBe(2);
    expect(s.noise.map((l: { type: string }) => l.type)).toEqual(['type-error']);
  });

  it('uses a finding once per table, an `each` finding once per distinct place, and honours the sheet', () => {
    const expected = {
      standard: null,
      findings: [
        { code: 'legacy-xls', level: 'required' },
        { code: 'total-row', level: 'required', row: 3, sheet: 'S2' },
        { code: 'name-mismatch', level: 'acceptable', col: 'D', each: true },
      ],
    };
    const s = scoreReport(expected, report(
      [line('legacy-xls', 'warning'), line('total-row', 'warning', 'A3'), line('name-mismatch', 'error', 'D7'), line('name-mismatch', 'error', 'D9'), line('name-mismatch', 'error', 'D9')],
      [line('legacy-xls', 'warning'), line('total-row', 'warning', 'A3')],
    ));
    expect(s.requiredFound).toBe(2);
    expect(s.noise.map((l: { type: string; sheet: string; row: number }) => `${l.sheet}:${l.type}@${l.row}`)).toEqual(['S1:total-row@3', 'S1:name-mismatch@9']);
  });

  it('scores the standard choice the expert made', () => {
    const none = { standard: null, acceptStandards: ['penduduk-jenis-kelamin-kecamatan'], findings: [] };
    const picked = (id: string) => report([line('standard-matched', 'info', undefined, { params: { id } })]);
    expect(scoreReport(none, picked('penduduk-jenis-kelamin-kecamatan')).linesRight).toBe(1);
    expect(scoreReport(none, picked('ipm-kabupaten-kota')).linesRight).toBe(0);
    expect(scoreReport(none, report([line('no-standard-matched', 'info')])).linesRight).toBe(1);
    const one = { standard: 'ipm-kabupaten-kota', findings: [] };
    expect(scoreReport(one, picked('ipm-kabupaten-kota'))).toMatchObject({ required: 1, requiredFound: 1 });
    expect(scoreReport(one, report([line('no-standard-matched', 'info')]))).toMatchObject({ requiredFound: 0, linesRight: 0 });
  });

  it('describes places the way the run prints them', () => {
    expect(describePlace({ cell: 'AA22' })).toBe('AA22');
    expect(describePlace({ row: 9 })).toBe('row 9');
    expect(describePlace({ col: 'D', sheet: 'Luas Wilayah' })).toBe('Luas Wilayah!col D');
    expect(describePlace({})).toBe('file');
  });
});

describe('expected findings files', () => {
  const dir = join(__dirname, '..', '..', 'scripts', 'corpus-expected');
  // Codes of the issue-10/11 contract that may not be in the catalog yet (docs/conformance.md).
  const contract = ['number-style', 'no-standard-matched', 'mapping-ambiguous', 'total-mismatch', 'total-ratio-mismatch', 'derived-mismatch', 'region-name-spelling', 'unknown-region-name', 'region-code-old-edition'];
  const known = new Set([...Object.keys(CATALOG), ...contract]);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

  it('covers the 34 corpus files plus the shared list', () => {
    expect(files.filter((f) => f !== '_all.json')).toHaveLength(34);
  });

  it.each(files)('%s: known codes, one valid place, a level', (name) => {
    const data = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    expect(Array.isArray(data.findings)).toBe(true);
    if (name !== '_all.json') {
      expect(data.file).toBe(name.replace(/\.json$/, ''));
      expect(data.standard === null || typeof data.standard === 'string').toBe(true);
    }
    for (const f of data.findings) {
      expect(known.has(f.code), f.code).toBe(true);
      expect(['required', 'acceptable']).toContain(f.level);
      const places = ['cell', 'row', 'col'].filter((p) => f[p] !== undefined);
      expect(places.length).toBeLessThanOrEqual(1);
      if (f.cell !== undefined) expect(f.cell).toMatch(/^[A-Z]+[1-9]\d*$/);
      if (f.row !== undefined) expect(Number.isInteger(f.row) && f.row > 0).toBe(true);
      if (f.col !== undefined) expect(f.col).toMatch(/^[A-Z]+$/);
      if (f.each) expect(f.level).toBe('acceptable');
    }
  });
});
