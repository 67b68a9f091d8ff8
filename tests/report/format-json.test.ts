import { describe, expect, it } from 'vitest';
import { formatJsonParts } from '../../src/report/format-json.js';
import type { Issue, Report } from '../../src/report/issue.js';
import { sampleReport } from './format-ci.fixture.js';

const formatJson = (report: Report) => [...formatJsonParts(report, 'id')].join('');

/** The report as one JSON.stringify of the whole document would write it (what the formatter wrote before it came in pieces). */
function whole(report: Report): string {
  return JSON.stringify(JSON.parse(formatJson(report)), null, 2) + '\n';
}

describe('formatJsonParts', () => {
  it('writes the issues of every table, with their location, value and params', () => {
    const doc = JSON.parse(formatJson(sampleReport()));
    expect(doc.$schema).toBe('satudata-report/1');
    expect(doc.tables.map((t: { issues: unknown[] }) => t.issues.length)).toEqual([3, 1, 1]);
    expect(doc.tables[0].issues[0]).toMatchObject({ type: 'type-error', severity: 'error', cell: 'B3', rowNumber: 3, lineNumber: 4, fieldNumber: 2, columnLetter: 'B', fieldName: 'nilai', cellValue: '1,5\n<b>&"x"' });
    expect(doc.tables[1].issues[0]).toMatchObject({ sheet: 'Data Lama', cell: 'C15' });
  });

  it('comes in pieces whose text is the whole document as JSON.stringify indents it, for any number of issues', () => {
    const many = sampleReport();
    // a table with no issues, and one with enough issues for several pieces (values that need escaping)
    many.tables[2]!.issues = [];
    const issue = (n: number): Issue => ({ code: 'primary-key', severity: 'error', row: n, col: 1, cell: `A${n}`, field: 'kode', value: `52.01.${n}\u0000"\n\\`, params: { fields: 'kode', value: String(n), first: 2 } });
    many.tables[0]!.issues = Array.from({ length: 8000 }, (_, n) => issue(n + 2));
    for (const report of [sampleReport(), many]) {
      expect(formatJson(report)).toBe(whole(report));
    }
    const parts = [...formatJsonParts(many, 'id')];
    // pieces of about 1 MB: no one string holds all the issues
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(1.1 * (1 << 20));
    expect(parts.join('').length).toBeGreaterThan(2.5 * (1 << 20));
    const doc = JSON.parse(parts.join(''));
    expect(doc.tables[0].issues).toHaveLength(8000);
    expect(doc.tables[0].issues[7999].cellValue).toBe('52.01.8001\u0000"\n\\');
    expect(doc.tables[2].issues).toEqual([]);
  });
});
