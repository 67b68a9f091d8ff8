#!/usr/bin/env node
// Generates a dataset repository of N small OPD files (default 200: 85% CSV, 15% XLSX, 50–2,000 rows each)
// for timing repository mode: node tests/repo/make-bench-repo.mjs [DIR=.bench/repo200] [N=200]
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

export async function makeBenchRepo(dir, n = 200, seed = 7) {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'satudata.config.json'), JSON.stringify({
    files: [{ glob: 'opd-*/penduduk-*.csv', standard: 'penduduk-jenis-kelamin-kecamatan@1.0.0' }, { glob: '**/*.xlsx', sheet: 1 }],
  }, null, 2));
  const header = ['no', 'uraian', 'tahun', 'nilai_a', 'nilai_b', 'total'];
  // rows of the penduduk standard: the bundled valid example (real kecamatan codes), repeated per year
  const valid = readFileSync(fileURLToPath(new URL('../../fixtures/standards/penduduk-jenis-kelamin-kecamatan/valid.csv', import.meta.url)), 'utf8').trim().split('\n');
  for (let i = 0; i < n; i++) {
    const folder = join(dir, `opd-${String(i % 20).padStart(2, '0')}`);
    mkdirSync(folder, { recursive: true });
    const rows = 50 + Math.floor(rand() * 1950);
    const data = [];
    for (let r = 0; r < rows; r++) {
      const l = 1000 + Math.floor(rand() * 50000);
      const p = 1000 + Math.floor(rand() * 50000);
      data.push([r + 1, `Uraian kegiatan ${r + 1}`, 2024, l, p, l + p]);
    }
    if (i % 3 === 0 && i % 7 !== 0) {
      const years = 1 + Math.floor(rand() * 10);
      const lines = [valid[0]];
      for (let y = 0; y < years; y++) for (const line of valid.slice(1)) lines.push(line.replace(/,2022,/, `,${2015 + y},`));
      writeFileSync(join(folder, `penduduk-${i}.csv`), lines.join('\n') + '\n');
      continue;
    }
    if (i % 7 === 0) {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Data');
      ws.addRow(header);
      for (const row of data) ws.addRow(row);
      await wb.xlsx.writeFile(join(folder, `tabel-${i}.xlsx`));
    } else {
      writeFileSync(join(folder, `data-${i}.csv`), [header.join(','), ...data.map((r) => r.join(','))].join('\n') + '\n');
    }
  }
  return dir;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? '.bench/repo200';
  await makeBenchRepo(dir, Number(process.argv[3] ?? 200));
  console.log(`wrote ${dir}`);
}
