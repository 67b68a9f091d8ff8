import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_CATALOG, loadCatalog, matchCatalog, unambiguousMatch, findStandard } from '../../src/standards/catalog.js';
import { phrase } from '../../src/i18n/ui.js';

describe('standards catalog', () => {
  it('matches a header to the right standard, with a score', async () => {
    const catalog = await loadCatalog();
    const matches = matchCatalog(catalog, ['Kode Kecamatan', 'Nama Kecamatan', 'Tahun', 'Laki-laki', 'Perempuan', 'Jumlah']);
    const best = unambiguousMatch(matches)!;
    expect(best.standard.info.id).toBe('penduduk-jenis-kelamin-kecamatan');
    expect(best.matched).toBe(6);
    expect(unambiguousMatch(matchCatalog(catalog, ['tahun', 'jumlah']))).toBeUndefined();
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
