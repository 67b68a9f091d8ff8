import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain, ROOT } from '../support/cli.js';

describe('satudata standards / codes (built binary)', () => {
  it('lists, shows and checks the catalog in Indonesian and JSON', async () => {
    const list = await runMain(['standards', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('penduduk-jenis-kelamin-kecamatan');
    expect(list.stdout).toContain('Tingkat penyajian');
    const json = JSON.parse((await runMain(['standar', 'daftar', '--format', 'json'])).stdout);
    expect(json.standards.length).toBeGreaterThanOrEqual(12);
    expect(json.problems).toEqual([]);
    const show = await runMain(['standards', 'show', 'pengaduan-pelayanan-publik-opd']);
    expect(show.stdout).toContain('Konsep:');
    expect(show.stdout).toContain('persentase_ditindaklanjuti = pengaduan_ditindaklanjuti / pengaduan_diterima * 100');
    const missing = await runMain(['standards', 'show', 'tidak-ada']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('[standard-not-found]');
    expect((await runMain(['standards', 'check'])).code).toBe(0);
  });

  it('fails a walidata catalog with a broken standard (exit 1) and names the problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-cat-'));
    const std = JSON.parse(readFileSync(join(ROOT, 'standards/catalog/penduduk-jenis-kelamin-kecamatan.json'), 'utf8'));
    std.satudata.frekuensi = 'kadang-kadang';
    writeFileSync(join(dir, 'x.json'), JSON.stringify(std));
    const r = await runMain(['standards', 'check', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('frekuensi');
  });

  it('validates with --standard, and picks the standard from the header when none is named', async () => {
    const named = JSON.parse((await runMain(['validate', 'fixtures/csv/penduduk-kecamatan.csv', '--standard', 'penduduk-jenis-kelamin-kecamatan', '--format', 'json'])).stdout);
    expect(named.tables[0].standard).toMatchObject({ id: 'penduduk-jenis-kelamin-kecamatan', version: '1.0.0' });
    expect(named.tables[0].references).toEqual({ wilayah: 'kepmendagri-300.2.2-2138-2025' });
    const auto = JSON.parse((await runMain(['validate', 'fixtures/csv/penduduk-kecamatan.csv', '--format', 'json'])).stdout);
    expect(auto.tables[0].standard).toMatchObject({ id: 'penduduk-jenis-kelamin-kecamatan', matched: '1' });
    expect(auto.tables[0].interpretation.standard).toMatchObject({ how: 'matched', id: 'penduduk-jenis-kelamin-kecamatan', score: 1 });
    expect(auto.tables[0].issues.map((i: { type: string }) => i.type)).toContain('standard-matched');
    const bad = await runMain(['validate', 'fixtures/csv/penduduk-kecamatan.csv', '--standard', 'penduduk-jenis-kelamin-kecamatan@9.0.0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('penduduk-jenis-kelamin-kecamatan@1.0.0');
  });

  it('looks up region codes by name and by code, and other code lists', async () => {
    const search = await runMain(['kode', 'cari', 'lombok barat', '--level', 'kabupaten_kota']);
    expect(search.code).toBe(0);
    expect(search.stdout).toMatch(/52\.01\s+Kabupaten Lombok Barat/);
    const show = JSON.parse((await runMain(['codes', 'show', '5271011004', '--format', 'json'])).stdout);
    expect(show).toMatchObject({ code: '52.71.01.1004', name: 'Ampenan Selatan', normalisedFrom: '5271011004', edition: 'kepmendagri-300.2.2-2138-2025' });
    expect(show.path.map((p: { name: string }) => p.name)).toEqual(['Nusa Tenggara Barat', 'Kota Mataram', 'Ampenan', 'Ampenan Selatan']);
    const opd = await runMain(['codes', 'search', 'kesehatan', '--list', 'opd-ntb', '--lang', 'en']);
    expect(opd.stdout).toContain('Dinas Kesehatan');
    expect((await runMain(['kode', 'show', '99.99'])).code).toBe(1);
    expect((await runMain(['kode', 'cari', 'x', '--list', 'tidak-ada'])).code).toBe(2);
  });
});
