/**
 * Formula neutralisation is the last step before any cell is written, in every CSV/XLSX writer: for any string,
 * what each writer emits, read back by exceljs and by csv-parse, never starts with = + - @ (signed numbers and
 * the -/-- markers excepted) once leading whitespace and control characters are stripped (property test).
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { safeCsvLine, safeXlsxText } from '../../src/io/safe-cell.js';
import { writeFixOutputs } from '../../src/fix/write.js';
import { annotateWorkbook } from '../../src/annotate/annotate.js';
import { writeWorkbookCopy } from '../../src/init/write.js';
import { validateFile } from '../../src/check/validate-file.js';
import type { FieldDef } from '../../src/standards/schema.js';
import type { Metadata } from '../../src/standards/metadata.js';

const dir = mkdtempSync(join(tmpdir(), 'satudata-neutral-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts like a formula after leading whitespace/control characters, and is not a signed number or -/--. */
function unsafe(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const t = v.replace(/^[\s\p{Cc}]+/u, '');
  return /^[=+\-@]/.test(t) && !/^[+-]\s*\d[\d\s.,]*(?:[eE][+-]?\d+)?%?$/.test(t) && !/^-{1,2}$/.test(t);
}

const TRICKY = ['=', '+', '-', '@', ' ', '\t', '\r', '\n', '\u0001', '\u0008', '\u001b', '\u007f', '\u0085', '\u00a0', '\ufeff', '\u202e', '1', '2', '.', ',', ';', '"', "'", 'a', 'cmd|', '(', ')', '!'];
const tricky = fc.string({ unit: fc.constantFrom(...TRICKY), minLength: 1, maxLength: 8 });
/** Any text (control characters and odd code points included) or a tricky formula-like one. */
const anyText = fc.oneof(tricky, fc.string({ unit: 'binary', maxLength: 10 }));
/** Text a CSV input can hold (no NUL: that file would be refused as binary). */
const csvText = tricky.map((s) => s.replace(/\u0000/g, ''));

async function xlsxCells(path: string): Promise<unknown[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out: unknown[] = [];
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => out.push(typeof c.value === 'object' && c.value && 'text' in c.value ? (c.value as { text: unknown }).text : c.value)));
  return out;
}

function csvCells(path: string): string[] {
  return (parse(readFileSync(path, 'utf8'), { relax_column_count: true }) as string[][]).flat();
}

let n = 0;
const next = (ext: string) => join(dir, `out-${n++}.${ext}`);

describe('every writer neutralises last (property, read back by exceljs and csv-parse)', () => {
  it('safeCsvLine and safeXlsxText', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyText, { minLength: 1, maxLength: 30 }), async (texts) => {
        const csv = next('csv');
        writeFileSync(csv, texts.map((t) => safeCsvLine([t])).join(''));
        for (const v of csvCells(csv)) expect(unsafe(v), JSON.stringify(v)).toBe(false);
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('Data');
        for (const t of texts) ws.addRow([safeXlsxText(t)]);
        const xlsx = next('xlsx');
        await wb.xlsx.writeFile(xlsx);
        for (const v of await xlsxCells(xlsx)) expect(unsafe(v), JSON.stringify(v)).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  it('fix: the tidy CSV, the tidy XLSX and the change log', async () => {
    const fields = [{ name: 'nama', type: 'string' }, { name: 'jumlah', type: 'integer' }] as FieldDef[];
    await fc.assert(
      fc.asyncProperty(fc.array(anyText, { minLength: 1, maxLength: 20 }), async (texts) => {
        const rows = texts.map((t) => [t, t]);
        const changes = texts.map((t, i) => ({ cell: `A${i + 2}`, rule: 'trim', old: t, new: t }));
        const csv = next('csv');
        await writeFixOutputs(csv, fields, rows, changes as never);
        for (const v of [...csvCells(csv), ...csvCells(`${csv}.perubahan.csv`)]) expect(unsafe(v), JSON.stringify(v)).toBe(false);
        const xlsx = next('xlsx');
        await writeFixOutputs(xlsx, fields, rows, changes as never);
        for (const v of await xlsxCells(xlsx)) expect(unsafe(v), JSON.stringify(v)).toBe(false);
      }),
      { numRuns: 10 },
    );
  });

  it('validate --annotate (text copied from the input) and init --sheet-out (the title)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(csvText, { minLength: 1, maxLength: 12 }), csvText, async (texts, title) => {
        const input = next('csv');
        // the input holds the raw text (quoted, NOT neutralised): the writers must do it
        // ordinary rows first: a small file with over 10% control characters is (rightly) sniffed as binary
        const plain = Array.from({ length: 60 }, (_, i) => `${i + 100},Kecamatan contoh nomor ${i}\n`).join('');
        writeFileSync(input, 'kode,nama\n' + plain + texts.map((t, i) => `${i + 1},"${t.replace(/"/g, '""')}"\n`).join(''));
        const report = await validateFile(input, { maxErrors: 100 });
        const annotated = next('xlsx');
        await annotateWorkbook(report, input, annotated, 'id');
        for (const v of await xlsxCells(annotated)) expect(unsafe(v), JSON.stringify(v)).toBe(false);
        const copy = next('xlsx');
        await writeWorkbookCopy(input, copy, { judul: title, deskripsi: `@${title}` } as unknown as Metadata);
        for (const v of await xlsxCells(copy)) expect(unsafe(v), JSON.stringify(v)).toBe(false);
      }),
      { numRuns: 8 },
    );
  });
});
