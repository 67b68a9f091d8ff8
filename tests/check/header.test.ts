import { describe, expect, it } from 'vitest';
import { checkLabels } from '../../src/check/header.js';
import { IssueSink } from '../../src/check/sink.js';
import type { Issue } from '../../src/report/issue.js';
import { renderIssue } from '../../src/report/render.js';

const labelIssues = (raw: string[]) => {
  const sink = new IssueSink(100);
  checkLabels(raw.map((l) => l.trim().replace(/\s+/g, ' ')), raw, 1, sink);
  return sink.issues;
};

describe('checkLabels: whitespace said where it is', () => {
  it('names the stray spaces and line breaks of a label (the label shown is the tidied one)', () => {
    const [a, b, c, ...rest] = labelIssues(['Kecamatan', 'Harga Petani ', ' Harga Pengecer', 'Jumlah\nPenduduk', 'Tahun']);
    expect(rest).toEqual([]);
    const said = (i: Issue | undefined, lang: 'id' | 'en') => renderIssue(i!, lang).message;
    expect(said(a, 'id')).toBe('Nama kolom "Harga Petani": diakhiri spasi.');
    expect(said(b, 'en')).toBe('Column name "Harga Pengecer": starts with a space.');
    expect(said(c, 'id')).toBe('Nama kolom "Jumlah Penduduk": memuat baris baru.');
    expect([a, b, c].map((i) => i!.value)).toEqual(['Harga Petani ', ' Harga Pengecer', 'Jumlah\nPenduduk']);
  });
  it('both ends at once, and a tidy label says nothing', () => {
    const [a, ...rest] = labelIssues([' Kode ', 'Nama']);
    expect(rest).toEqual([]);
    expect(renderIssue(a!, 'id').message).toBe('Nama kolom "Kode": diawali spasi; diakhiri spasi.');
  });
});
