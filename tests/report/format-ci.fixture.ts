/** A small Report shared by the CI formatter tests: a CSV with a line, a workbook sheet, an unreadable file. */
import type { Report } from '../../src/report/issue.js';

export function sampleReport(): Report {
  return {
    valid: false,
    tool: { name: 'satudata', version: '0.1.0' },
    lang: 'id',
    stats: { tables: 3, errors: 3, warnings: 1, infos: 1, seconds: 0.5 },
    tables: [
      {
        path: 'data/a,b:c%.csv', format: 'csv', valid: false, labels: ['kode'],
        stats: { rows: 3, dataRows: 2, errors: 1, warnings: 1, infos: 1, seconds: 0.01, bytes: 10, fields: 1 },
        issues: [
          { code: 'type-error', severity: 'error', row: 3, line: 4, col: 2, cell: 'B3', field: 'nilai', value: '1,5\n<b>&"x"', params: { type: '@type.integer', typeHint: '@hint.t.integer' } },
          { code: 'blank-row', severity: 'warning', row: 2, params: { row: 2 } },
          { code: 'bom', severity: 'info' },
        ],
      },
      {
        path: 'data/rekap.xlsx', sheet: 'Data Lama', format: 'xlsx', valid: false, labels: ['kode'],
        stats: { rows: 3, dataRows: 2, errors: 1, warnings: 0, infos: 0, seconds: 0.02, bytes: 10, fields: 1 },
        issues: [{ code: 'type-error', severity: 'error', sheet: 'Data Lama', row: 15, col: 3, cell: 'C15', field: 'nilai', value: '=1+1', params: { type: '@type.integer' } }],
      },
      {
        path: 'data/hilang.csv', valid: false, unreadable: true, labels: [],
        stats: { rows: 0, dataRows: 0, errors: 1, warnings: 0, infos: 0, seconds: 0, bytes: 0, fields: 0 },
        issues: [{ code: 'source-error', severity: 'error', params: { reason: '@reason.not-found' } }],
      },
    ],
  };
}
