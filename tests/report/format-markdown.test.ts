import { describe, expect, it } from 'vitest';
import { formatMarkdown } from '../../src/report/format-markdown.js';
import { mdEscape } from '../../src/report/escape.js';
import { sampleReport } from './format-ci.fixture.js';

describe('formatMarkdown', () => {
  it('escapes table breakers, HTML and mentions', () => {
    expect(mdEscape('a|b\n<script>@walidata')).toBe('a\\|b &lt;script&gt;@\u200bwalidata');
    expect(mdEscape('x@1.0.0')).toBe('x@1.0.0');
  });

  it('a summary table, then a collapsible block of the first issues per table', () => {
    const md = formatMarkdown(sampleReport(), { lang: 'id', perTable: 1 });
    expect(md).toMatch(/^### satudata — ❌ \*\*Tidak valid\*\*/);
    expect(md).toContain('| Berkas | Standar | Baris data | galat | peringatan | Hasil |');
    expect(md).toContain('| data/rekap.xlsx › Data Lama | — | 2 | 1 | 0 | ❌ |');
    expect(md).toContain('<details open><summary>❌ data/a,b:c%.csv — 1 galat, 1 peringatan</summary>');
    expect(md).toContain("`'Data Lama'!C15`");
    expect(md).toContain('… dan 1 masalah lain');
    expect(md).not.toContain('<b>');
    expect(formatMarkdown(sampleReport(), { lang: 'en' })).toContain('| File | Standard | Data rows |');
  });
});
