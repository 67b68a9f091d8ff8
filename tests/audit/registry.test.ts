import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { readRegistry } from '../../src/audit/registry.js';
import { renderIssue } from '../../src/report/render.js';
import { REGISTRY } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'satudata-registry-'));
const HEAD = 'id,judul,kode_opd,frekuensi,data_prioritas,kode_urusan,standar,periode_awal,lag_hari,nama_dataset';

describe('Daftar Data registry', () => {
  it('reads the 965-item fixture without issues (titles like "Jumlah …" are items, not totals rows)', async () => {
    const r = await readRegistry(REGISTRY);
    expect(r.issues).toEqual([]);
    expect(r.items).toHaveLength(965);
    expect(new Set(r.items.map((i) => i.opd)).size).toBeGreaterThanOrEqual(40);
    expect(r.items.filter((i) => i.judul.startsWith('Jumlah')).length).toBeGreaterThan(100);
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports unknown OPD codes, bad frequencies, duplicate ids, bad periods and lags with rows (all of a row\'s problems), in id and en', async () => {
    const p = join(tmp, 'bad.csv');
    writeFileSync(p, [HEAD,
      'DD-1,Jumlah Sekolah,1.01.0.00.0.00.01.0000,tahunan,ya,1.01,,2019,,',
      'DD-2,Jumlah Guru,9.99.9.99,tahunan,,1.01,,2019,,',
      'DD-3,Jumlah Murid,DIKBUD,dua mingguan,,1.01,,2019,,',
      'DD-1,Jumlah Kelas,DIKBUD,kadang-kadang,,1.01,,2019,,',
      'DD-4,Produksi Padi,DISTANBUN,triwulanan,,3.27,,2019-Q7,,',
      'DD-5,Produksi Jagung,DISTANBUN,bulanan,,3.27,,2019-01,tiga puluh,',
      'DD-6,,DISTANBUN,bulanan,,3.27,,2019-01,,',
    ].join('\n'));
    const r = await readRegistry(p);
    expect(r.issues.map((i) => [i.code, i.row])).toEqual([
      ['registry-unknown-opd', 3], ['registry-bad-frequency', 4], ['registry-duplicate-id', 5], ['registry-bad-frequency', 5],
      ['registry-bad-period', 6], ['registry-bad-lag', 7], ['registry-missing-value', 8],
    ]);
    expect(r.items.map((i) => i.id)).toEqual(['DD-1']);
    const dup = r.issues.find((i) => i.code === 'registry-duplicate-id')!;
    expect(renderIssue(dup, 'id').message).toBe('ID "DD-1" sudah dipakai di baris 2.');
    expect(renderIssue(dup, 'en').message).toBe('Id "DD-1" is already used in row 2.');
    expect(renderIssue(r.issues[1]!, 'id').hint).toContain('tahunan, semesteran, triwulanan, bulanan, mingguan, harian, tidak_tetap');
  });

  it('names a missing required column', async () => {
    const p = join(tmp, 'nocol.csv');
    writeFileSync(p, 'id,judul,frekuensi\nDD-1,Jumlah Sekolah,tahunan\n');
    const r = await readRegistry(p);
    expect(r.issues.map((i) => [i.code, i.params?.column])).toEqual([['registry-missing-column', 'kode_opd'], ['registry-missing-column', 'periode_awal']]);
  });

  it('reads an XLSX registry with a title row above the header, and maps OPD abbreviations to codes', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Daftar Data');
    ws.addRow(['DAFTAR DATA PROVINSI NTB TAHUN 2021']);
    ws.addRow(['ID', 'Judul Data', 'Kode OPD', 'Frekuensi', 'Data Prioritas', 'Kode Urusan', 'Standar', 'Periode Awal', 'Lag Hari', 'Nama Dataset']);
    ws.addRow(['DD-1', 'Jumlah Sekolah', 'dikbud', 'Tahunan', 'Ya', '1.01', '', 2019, 120, 'dikbud-jumlah-sekolah']);
    ws.addRow(['DD-2', 'Kunjungan Wisatawan', 'DISPAR', 'Bulanan', '', '3.26', '', '2021-01', '', '']);
    const p = join(tmp, 'daftar.xlsx');
    await wb.xlsx.writeFile(p);
    const r = await readRegistry(p);
    expect(r.issues).toEqual([]);
    expect(r.items).toMatchObject([
      { id: 'DD-1', opd: '1.01.0.00.0.00.01.0000', frekuensi: 'tahunan', prioritas: true, periodeAwal: '2019', lag: 120, dataset: 'dikbud-jumlah-sekolah', row: 3 },
      { id: 'DD-2', frekuensi: 'bulanan', prioritas: false, periodeAwal: '2021-01' },
    ]);
  });

  it('turns an unreadable file into a coded issue', async () => {
    const r = await readRegistry(join(tmp, 'nope.xlsx'));
    expect(r.unreadable).toBe(true);
    expect(r.issues[0]!.code).toBe('source-error');
  });
});
