#!/usr/bin/env node
/**
 * Makes the documentation screenshots with headless Chromium (apt-get install chromium):
 *   docs/img/laporan-mingguan.png  the weekly report HTML of the bundled Daftar Data (two weeks, so the trend shows)
 *   docs/img/anotasi.png           an annotated workbook: its "Masalah" sheet and the coloured data sheet with notes,
 *                                  rendered to HTML from the XLSX (exceljs) and screenshot
 * Input: fixtures/opd/penduduk-lombok-barat-2023.xlsx when present, else fixtures/csv/penduduk-kecamatan-messy.csv.
 * Run after `npm run build`: node scripts/docs-screenshots.mjs
 */
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'satudata.js');
const img = join(root, 'docs', 'img');
const browser = ['chromium', 'chromium-browser', 'google-chrome'].find((b) => {
  try { execFileSync('which', [b], { stdio: 'ignore' }); return true; } catch { return false; }
});
if (!browser) {
  console.error('docs-screenshots: Chromium not found (apt-get install -y chromium)');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'satudata-shots-'));
const satudata = (args, okCodes = [0]) => {
  try { execFileSync(process.execPath, [bin, ...args], { cwd: root, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1', SATUDATA_LANG: 'id' } }); }
  catch (e) { if (!okCodes.includes(e.status)) throw e; }
};
const shot = (html, out, width, height) => {
  execFileSync(browser, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--window-size=${width},${height}`,
    `--screenshot=${out}`, `file://${html}`], { stdio: 'ignore', timeout: 60000 });
  console.log(`${out.slice(root.length)} (${width}×${height})`);
};
mkdirSync(img, { recursive: true });

// 1. the weekly report: week 14 then week 15, so week 15 has a trend
const reg = 'fixtures/audit/daftar-data-contoh.xlsx';
const out = join(work, 'laporan');
for (const [week, date] of [['W14', '2022-04-04'], ['W15', '2022-04-11']]) {
  satudata(['laporan', reg, '--ledger', `fixtures/audit/ledger-2022-${week}.json`, '--as-of', date, '--history', join(out, 'riwayat'), '--out', out, '--format', 'html']);
}
shot(join(out, 'laporan-2022-W15.html'), join(img, 'laporan-mingguan.png'), 1400, 1500);

// 2. the annotated workbook
const input = existsSync(join(root, 'fixtures/opd/penduduk-lombok-barat-2023.xlsx'))
  ? 'fixtures/opd/penduduk-lombok-barat-2023.xlsx' : 'fixtures/csv/penduduk-kecamatan-messy.csv';
const annotated = join(work, 'beranotasi.xlsx');
satudata(['periksa', input, '--standard', 'penduduk-jenis-kelamin-kecamatan', '--annotate', annotated], [0, 1]);
const wb = new ExcelJS.Workbook();
await wb.xlsx.readFile(annotated);
const esc = (v) => String(v ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const text = (c) => (c.value && typeof c.value === 'object' ? (c.value.text ?? c.value.result ?? c.value.richText?.map((r) => r.text).join('') ?? '') : c.value);
const colour = (c) => (c.fill?.fgColor?.argb ? `#${c.fill.fgColor.argb.slice(2)}` : '');
function table(ws, maxRows, withNotes) {
  const rows = [];
  const cols = ws.columnCount;
  rows.push(`<tr><th></th>${Array.from({ length: cols }, (_, i) => `<th>${String.fromCharCode(65 + i)}</th>`).join('')}</tr>`);
  for (let r = 1; r <= Math.min(ws.rowCount, maxRows); r++) {
    const row = ws.getRow(r);
    const cells = [];
    for (let c = 1; c <= cols; c++) {
      const cell = row.getCell(c);
      const note = withNotes && cell.note ? (typeof cell.note === 'string' ? cell.note : cell.note.texts?.map((t) => t.text).join('')) : '';
      const bg = colour(cell);
      cells.push(`<td style="${bg ? `background:${bg};` : ''}${r === 1 && !withNotes ? 'font-weight:bold;' : ''}"${note ? ` class="note" title="${esc(note)}"` : ''}>${esc(text(cell))}</td>`);
    }
    rows.push(`<tr><th>${r}</th>${cells.join('')}</tr>`);
  }
  return `<table>${rows.join('')}</table>`;
}
const masalah = wb.getWorksheet('Masalah');
const data = wb.worksheets.find((w) => w.name !== 'Masalah');
const firstNote = (() => {
  for (let r = 1; r <= data.rowCount; r++) for (let c = 1; c <= data.columnCount; c++) {
    const n = data.getRow(r).getCell(c).note;
    if (n) return { at: data.getRow(r).getCell(c).address, text: typeof n === 'string' ? n : n.texts.map((t) => t.text).join('') };
  }
  return null;
})();
const html = `<!doctype html><meta charset="utf-8"><style>
body{font:13px Calibri,Carlito,Arial,sans-serif;margin:12px;background:#fff} h2{font-size:15px;margin:14px 0 6px}
table{border-collapse:collapse} td,th{border:1px solid #d0d0d0;padding:2px 6px;vertical-align:top;max-width:420px}
th{background:#f3f3f3;font-weight:normal;color:#555} td.note{position:relative} td.note:after{content:"";position:absolute;top:0;right:0;border:5px solid transparent;border-top-color:#c00;border-right-color:#c00}
.tab{display:inline-block;padding:3px 12px;border:1px solid #bbb;border-bottom:none;background:#e8f0e8;margin-right:4px}
.notebox{display:inline-block;background:#ffffe1;border:1px solid #999;padding:6px 8px;margin:6px 0;white-space:pre-wrap;max-width:700px}
</style>
<h2>Sheet <span class="tab">Masalah</span> (${masalah.rowCount - 1} masalah, tautan ke tiap sel)</h2>
${table(masalah, 14, false)}
<h2>Sheet <span class="tab">${esc(data.name)}</span>: sel diwarnai (merah galat, kuning peringatan, biru info), catatan sel berisi pesan dan cara memperbaiki</h2>
${table(data, 22, true)}
${firstNote ? `<div class="notebox"><b>Catatan sel ${firstNote.at}:</b>\n${esc(firstNote.text)}</div>` : ''}`;
const htmlFile = join(work, 'anotasi.html');
writeFileSync(htmlFile, html);
shot(htmlFile, join(img, 'anotasi.png'), 1300, 1150);
rmSync(work, { recursive: true, force: true });
