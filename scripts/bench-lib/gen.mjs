/**
 * Writes the benchmark inputs into .bench/ unless a manifest says they exist for the same generator version:
 * penduduk-<rows>.csv, penduduk-<rows>.xlsx, schema-v2.json (satudata) and schema-v1.json (npm tableschema).
 */
import { createWriteStream, existsSync, readFileSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { FIELDS, GEN_VERSION, SEED, generateRows, isoDate, tableSchemaV1, tableSchemaV2 } from './data.mjs';

const csvCell = (v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function csvLine(r) {
  return [
    r.kode_wilayah, csvCell(r.nama_wilayah), String(r.tahun), r.jenis_kelamin,
    csvCell(String(r.jumlah_penduduk)), String(r.jumlah_kk),
    typeof r.persentase === 'number' ? r.persentase.toFixed(2) : r.persentase,
    csvCell(isoDate(r.tanggal_update)), String(r.aktif), csvCell(r.keterangan),
  ].join(',') + '\n';
}

async function writeCsv(path, rows) {
  const stats = { invalidCells: 0, duplicates: 0, byKind: {} };
  const tmp = `${path}.partial`;
  const out = createWriteStream(tmp);
  let buf = FIELDS.join(',') + '\n';
  for (const r of generateRows(rows, stats)) {
    buf += csvLine(r);
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  renameSync(tmp, path);
  return stats;
}

async function writeXlsx(path, rows) {
  const stats = { invalidCells: 0, duplicates: 0, byKind: {} };
  const tmp = `${path}.partial`;
  // Shared strings like Excel (which also puts sharedStrings.xml after the sheets in the zip).
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Data');
  ws.columns = FIELDS.map((name) => ({
    header: name,
    key: name,
    width: name === 'nama_wilayah' || name === 'keterangan' ? 28 : 16,
    ...(name === 'tanggal_update' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}),
    ...(name === 'persentase' ? { style: { numFmt: '0.00' } } : {}),
  }));
  for (const r of generateRows(rows, stats)) {
    const t = r.tanggal_update;
    ws.addRow({ ...r, tanggal_update: typeof t === 'string' ? t : new Date(Date.UTC(t.y, t.m - 1, t.d)) }).commit();
  }
  ws.commit();
  await wb.commit();
  renameSync(tmp, path);
  return stats;
}

/** Ensures all inputs exist; returns their paths and the defect counts the generator wrote. */
export async function ensureData(dir, { rows, xlsxRows, log }) {
  const manifestPath = join(dir, 'manifest.json');
  let manifest = {};
  try { manifest = JSON.parse(readFileSync(manifestPath, 'utf8')); } catch { /* none yet */ }
  if (manifest.version !== GEN_VERSION || manifest.seed !== SEED) manifest = { version: GEN_VERSION, seed: SEED, files: {} };
  const save = () => writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');

  const schemaV2 = join(dir, 'schema-v2.json');
  const schemaV1 = join(dir, 'schema-v1.json');
  writeFileSync(schemaV2, JSON.stringify(tableSchemaV2(), null, 2) + '\n');
  writeFileSync(schemaV1, JSON.stringify(tableSchemaV1(), null, 2) + '\n');

  const ensure = async (name, n, writer) => {
    const path = join(dir, name);
    const known = manifest.files[name];
    if (known && existsSync(path) && statSync(path).size === known.bytes) return { path, ...known };
    log(`generating ${name} (${n.toLocaleString('en')} rows) ...`);
    const t0 = performance.now();
    const stats = await writer(path, n);
    manifest.files[name] = { rows: n, bytes: statSync(path).size, ...stats };
    save();
    log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${(statSync(path).size / 1e6).toFixed(1)} MB`);
    return { path, ...manifest.files[name] };
  };
  const csv = await ensure(`penduduk-${rows}.csv`, rows, writeCsv);
  const xlsx = await ensure(`penduduk-${xlsxRows}.xlsx`, xlsxRows, writeXlsx);
  return { csv, xlsx, schemaV2, schemaV1 };
}
