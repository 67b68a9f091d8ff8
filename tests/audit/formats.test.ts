import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { formatCsv } from '../../src/audit/format/csv.js';
import { formatHtml } from '../../src/audit/format/html.js';
import { formatJson } from '../../src/audit/format/json.js';
import { formatMarkdown } from '../../src/audit/format/markdown.js';
import { formatXlsx } from '../../src/audit/format/xlsx.js';
import { toSnapshot } from '../../src/audit/snapshot.js';
import { computeTrend, trendHistory } from '../../src/audit/trend.js';
import type { AuditReport } from '../../src/audit/model.js';
import { fixtureReport, LEDGER_W15 } from './helpers.js';

async function weekTwo(): Promise<AuditReport> {
  const w14 = await fixtureReport();
  const r = await fixtureReport(LEDGER_W15, '2022-04-11');
  const prev = toSnapshot(w14);
  r.trend = computeTrend(r, prev);
  r.history = trendHistory(r, [prev]);
  // user-provided text that a spreadsheet would run as a formula
  r.items[0]!.judul = '=HYPERLINK("http://evil.example","klik")';
  r.worklist.unshift({ ...r.items[0]!, daysLate: 1, gap: 'tidak-ditemukan', timeliness: 'jatuh_tempo' });
  return r;
}

describe('report formats (same numbers everywhere)', () => {
  it('Markdown: headline with the 2021 figures in Indonesian, English with --lang en', async () => {
    const r = await fixtureReport();
    const id = formatMarkdown(r, 'id');
    expect(id).toContain('965 jenis data wajib: 910 terkumpul (94,30%), 893 terpublikasi (92,54%).');
    expect(id).toContain('## Per OPD');
    expect(id).toContain('## Definisi');
    const en = formatMarkdown(r, 'en');
    expect(en).toContain('965 items required: 910 collected (94.30%), 893 published (92.54%).');
    expect(en).toContain('## Definitions');
  });

  it('Markdown: user text in the worklist cannot break the table, inject HTML or mention people', async () => {
    const r = await weekTwo();
    r.worklist[0] = { ...r.worklist[0]!, judul: 'Data | <img src=x> @walidata **tebal**\nbaris' };
    const md = formatMarkdown(r, 'id');
    const lines = md.split('\n');
    const at = lines.findIndex((l) => l.includes('walidata'));
    expect(lines[at]).toContain('Data \\| &lt;img src=x&gt; @\u200bwalidata \\*\\*tebal\\*\\* baris');
    // same number of unescaped cell separators as the next row of the worklist table
    const cells = (l: string) => l.split(/(?<!\\)\|/).length;
    expect(lines[at + 1]!.startsWith('| ')).toBe(true);
    expect(cells(lines[at]!)).toBe(cells(lines[at + 1]!));
  });

  it('Markdown and HTML show the trend against last week with a sparkline', async () => {
    const r = await weekTwo();
    const md = formatMarkdown(r, 'id');
    expect(md).toMatch(/Dibanding minggu 2022-W14: % terkumpul \+0,21, % terpublikasi \+0,72\./);
    expect(md).toContain('## Perubahan');
    expect(md).toMatch(/`[▁-█]{2}`/);
    const html = formatHtml(r, 'id');
    expect(html).toContain('Tren mingguan');
    expect(html).toContain('<polyline');
  });

  it('HTML: one self-contained printable file with inline SVG charts and no external assets', async () => {
    const r = await weekTwo();
    const html = formatHtml(r, 'id');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('@media print');
    expect((html.match(/<svg /g) ?? []).length).toBe(4); // funnel, OPD bars, trend, heat map
    expect(html).not.toMatch(/<(link|img|iframe)\b|\bsrc=|url\(/i);
    expect(html).toContain('#2e7d32'); // ≥80 band colour
    expect(html).toContain('94,51%');
    expect(html).not.toContain('=HYPERLINK("http://evil.example","klik")</td>'); // escaped
    expect(html).toContain('=HYPERLINK(&quot;http://evil.example&quot;,&quot;klik&quot;)');
  });

  it('XLSX: the named sheets, frozen filtered headers, percentages as numbers, no formula injection (read back)', async () => {
    const r = await weekTwo();
    const buf = await formatXlsx(r, 'id');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    for (const s of ['Ringkasan', 'Per OPD', 'Per Periodisitas', 'Terlambat', 'Perubahan', 'Kualitas Metadata', 'Definisi']) expect(names).toContain(s);
    const opd = wb.getWorksheet('Per OPD')!;
    expect(opd.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(opd.autoFilter).toBeTruthy();
    expect(opd.getRow(1).font?.bold).toBe(true);
    const sum = wb.getWorksheet('Ringkasan')!;
    const rows = sum.getSheetValues().filter(Boolean) as unknown[][];
    const collected = rows.find((row) => row[1] === 'Terkumpul')!;
    expect(collected[2]).toBe(912);
    expect(collected[3]).toBeCloseTo(0.9451, 6);
    const late = wb.getWorksheet('Terlambat')!;
    const cells: ExcelJS.Cell[] = [];
    late.eachRow((row) => row.eachCell((c) => cells.push(c)));
    const evil = cells.find((c) => String(c.value).includes('HYPERLINK'))!;
    expect(evil.type).toBe(ExcelJS.ValueType.String);
    expect(evil.value).toBe(`'=HYPERLINK("http://evil.example","klik")`);
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
  });

  it('CSV: one flat file per table, formula-safe text, raw numbers', async () => {
    const r = await weekTwo();
    const files = formatCsv(r, 'id');
    expect(Object.keys(files).sort()).toEqual(['definisi.csv', 'jenis-data.csv', 'kualitas-metadata.csv', 'per-opd.csv', 'per-periodisitas.csv', 'perubahan.csv', 'ringkasan.csv', 'terlambat.csv', 'tren.csv']);
    expect(files['ringkasan.csv']).toContain('Terkumpul,912,94.51');
    expect(files['terlambat.csv']).toContain(`"'=HYPERLINK(""http://evil.example"",""klik"")"`);
    expect(files['jenis-data.csv']!.split('\r\n').length).toBe(965 + 2);
  });

  it('JSON: the documented schema with totals, items, trend, history, guard and definitions', async () => {
    const r = await weekTwo();
    const j = JSON.parse(formatJson(r, 'en'));
    expect(j.$schema).toBe('satudata-audit-report/1');
    expect(j.totals).toMatchObject({ pctCollected: 94.51, pctPublished: 93.26, funnel: { wajib: 965, terkumpul: 912, terpublikasi: 900 } });
    expect(j.trend.previousRunId).toMatch(/^2022-W14-/);
    expect(j.items).toHaveLength(965);
    expect(j.definitions).toBeTypeOf('object');
    expect(j.config.ranking).toEqual({ completeness: 50, timeliness: 30, metadata: 20, minItems: 5 });
  });
});
