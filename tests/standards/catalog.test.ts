import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_CATALOG, loadCatalog, findStandard } from '../../src/standards/catalog.js';
import { analyse } from '../../src/read/layout.js';
import { prepare } from '../../src/interpret/facts.js';
import { selectStandard } from '../../src/interpret/choose.js';
import type { RawRow } from '../../src/read/table.js';

/** Prepared facts of a small CSV-like table (header + rows). */
function prepared(rows: string[][]) {
  const raw: RawRow[] = rows.map((cells, i) => ({ n: i + 1, cells }));
  const layout = analyse(raw);
  return prepare(layout, raw.slice(layout.headerRows.length), { path: 't.csv', format: 'csv', bytes: 0, merges: [], notes: [] });
}
import { phrase } from '../../src/i18n/ui.js';

describe('standards catalog', () => {
  it('matches a header to the right standard, with a score', async () => {
    const catalog = await loadCatalog();
    const fit = selectStandard(prepared([
      ['Kode Kecamatan', 'Nama Kecamatan', 'Tahun', 'Laki-laki', 'Perempuan', 'Jumlah'],
      ['52.01.01', 'Gerung', '2023', '44012', '43530', '87542'],
      ['52.01.02', 'Kediri', '2023', '30050', '30211', '60261'],
    ]), catalog.standards);
    expect(fit.chosen?.standard.info.id).toBe('penduduk-jenis-kelamin-kecamatan');
    expect(fit.chosen?.score).toMatchObject({ required: '6/6', columns: '6/6' });
    // two generic columns fit no standard clearly: none is forced
    expect(selectStandard(prepared([['tahun', 'jumlah'], ['2023', '5']]), catalog.standards).chosen).toBeUndefined();
    expect(findStandard(catalog, 'penduduk-jenis-kelamin-kecamatan@1.0.0')?.info.versi).toBe('1.0.0');
    expect(findStandard(catalog, 'penduduk-jenis-kelamin-kecamatan@9.9.9')).toBeUndefined();
  });

  it('lists problems of a walidata catalog without failing the good standards', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-catalog-'));
    const good = readFileSync(join(BUNDLED_CATALOG, 'penduduk-jenis-kelamin-kecamatan.json'), 'utf8');
    writeFileSync(join(dir, 'good.json'), good);
    const bad = JSON.parse(good);
    bad.satudata.aturan = [{ jenis: 'jumlah', total: 'total_tidak_ada', bagian: ['laki_laki', 'perempuan'] }];
    bad.satudata.id = 'lain';
    writeFileSync(join(dir, 'bad-rule.json'), JSON.stringify(bad));
    const noKonsep = JSON.parse(good);
    delete noKonsep.satudata.konsep;
    noKonsep.satudata.id = 'lain-lagi';
    writeFileSync(join(dir, 'no-konsep.json'), JSON.stringify(noKonsep));
    writeFileSync(join(dir, 'broken.json'), '{ "name": ');
    const catalog = await loadCatalog(dir);
    expect(catalog.standards.map((s) => s.info.id)).toEqual(['penduduk-jenis-kelamin-kecamatan']);
    const byFile = Object.fromEntries(catalog.problems.map((p) => [p.path.split('/').pop(), p.detail]));
    expect(byFile['bad-rule.json']).toContain('total_tidak_ada');
    expect(byFile['no-konsep.json']).toContain('konsep');
    expect(phrase('en', byFile['broken.json']!)).toMatch(/^not valid JSON \(.+\)$/);
    expect(phrase('id', byFile['broken.json']!)).toMatch(/^bukan JSON yang sah \(.+\)$/);
  });
});
