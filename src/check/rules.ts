/**
 * Rules across columns, declared in the standard's `satudata.aturan` (Validata-style custom checks):
 * parts sum to a total, a derived column equals its formula within a tolerance, one column compared to
 * another, columns filled all-or-none — plus value ranges implied by a field's unit (persen: 0..100).
 */
import type { StandardInfo } from '../standards/standard.js';
import type { FieldDef } from '../standards/schema.js';
import { compileExpression, type Compiled } from './expression.js';
import type { ExtensionFactory, RowExtension } from './validate-table.js';
import { formatId } from './numbers.js';

type Rule =
  | { jenis: 'jumlah'; total: string; bagian: string[]; toleransi?: number }
  | { jenis: 'rumus'; kolom: string; rumus: string; toleransi?: number }
  | { jenis: 'banding'; kolom: string; operator: '<' | '<=' | '>' | '>=' | '=' | '!='; pembanding: string }
  | { jenis: 'terisi-bersama'; kolom: string[] };

const NUMERIC = new Set(['number', 'integer', 'year']);

export function rulesExtension(info: StandardInfo): ExtensionFactory {
  return ({ sink, schema, fieldColumns }) => {
    const index = new Map(schema.fields.map((f, i) => [f.name, i]));
    const fields = new Set(index.keys());
    const columns = new Map(schema.fields.map((f, i) => [f.name, fieldColumns[i]!]));
    const present = (name: string) => columns.get(name)! >= 0;
    const col = (name: string) => columns.get(name)!;
    const checks: ((v: (string | null | undefined)[], row: { n: number; line?: number }) => void)[] = [];
    const used = new Set<string>();
    const num = (v: (string | null | undefined)[], name: string): number | undefined => {
      const x = v[col(name)];
      if (x === null || x === undefined) return undefined;
      const n = Number(x);
      return Number.isFinite(n) ? n : undefined;
    };
    for (const rule of (info.aturan as Rule[] | undefined) ?? []) {
      if (rule.jenis === 'jumlah') {
        if (!present(rule.total) || !rule.bagian.every(present)) continue;
        [rule.total, ...rule.bagian].forEach((f) => used.add(f));
        const tol = rule.toleransi ?? 0;
        checks.push((v, row) => {
          const total = num(v, rule.total);
          if (total === undefined) return;
          let sum = 0;
          for (const part of rule.bagian) {
            const x = num(v, part);
            if (x === undefined) return;
            sum += x;
          }
          if (Math.abs(sum - total) > tol + 1e-9 * Math.abs(total)) {
            sink.add('sum-mismatch', { total: rule.total, parts: rule.bagian.join(' + '), sum: formatId(sum) }, { row: row.n, line: row.line, col: col(rule.total), field: rule.total, value: String(v[col(rule.total)]) });
          }
        });
      } else if (rule.jenis === 'rumus') {
        if (!present(rule.kolom)) continue;
        const { run, uses } = compileExpression(rule.rumus, fields);
        if (!uses.every(present)) continue;
        [rule.kolom, ...uses].forEach((f) => used.add(f));
        const tol = rule.toleransi ?? 0.01;
        const formula: Compiled = run;
        checks.push((v, row) => {
          const actual = num(v, rule.kolom);
          if (actual === undefined) return;
          const expected = formula((name) => num(v, name));
          if (expected === undefined || !Number.isFinite(expected)) return;
          if (Math.abs(actual - expected) > tol + 1e-9) {
            sink.add('formula-mismatch', { formula: `${rule.kolom} = ${rule.rumus}`, expected: formatId(Math.round(expected * 100) / 100), tolerance: formatId(tol) }, { row: row.n, line: row.line, col: col(rule.kolom), field: rule.kolom, value: String(v[col(rule.kolom)]) });
          }
        });
      } else if (rule.jenis === 'banding') {
        if (!present(rule.kolom) || !present(rule.pembanding)) continue;
        used.add(rule.kolom).add(rule.pembanding);
        const numeric = NUMERIC.has(schema.fields[index.get(rule.kolom)!]!.type ?? 'string');
        checks.push((v, row) => {
          const a = v[col(rule.kolom)];
          const b = v[col(rule.pembanding)];
          if (a === null || a === undefined || b === null || b === undefined) return;
          const x: number | string = numeric ? Number(a) : a;
          const y: number | string = numeric ? Number(b) : b;
          if (!compare(x, y, rule.operator)) {
            sink.add('compare-failed', { field: rule.kolom, operator: rule.operator, other: rule.pembanding, otherValue: b }, { row: row.n, line: row.line, col: col(rule.kolom), field: rule.kolom, value: a });
          }
        });
      } else if (rule.jenis === 'terisi-bersama') {
        const cols = rule.kolom.filter(present);
        if (cols.length < 2) continue;
        cols.forEach((f) => used.add(f));
        checks.push((v, row) => {
          const filled = cols.filter((c) => v[col(c)] !== null);
          if (filled.length === 0 || filled.length === cols.length) return;
          const empty = cols.find((c) => v[col(c)] === null)!;
          sink.add('cohesive-columns', { fields: cols.join(', '), field: empty }, { row: row.n, line: row.line, col: col(empty), field: empty, value: '' });
        });
      }
    }
    // unit ranges: a percentage without explicit bounds stays within 0..100
    for (const f of schema.fields as FieldDef[]) {
      const unit = String(f['satudata:satuan'] ?? '').toLowerCase();
      if (!(unit === 'persen' || unit === '%') || !present(f.name)) continue;
      const c = f.constraints ?? {};
      if (c.minimum !== undefined || c.maximum !== undefined || c.exclusiveMinimum !== undefined || c.exclusiveMaximum !== undefined) continue;
      used.add(f.name);
      checks.push((v, row) => {
        const x = num(v, f.name);
        if (x !== undefined && (x < 0 || x > 100)) sink.add('unit-range', { unit: 'persen', min: 0, max: 100 }, { row: row.n, line: row.line, col: col(f.name), field: f.name, value: String(v[col(f.name)]) });
      });
    }
    if (checks.length === 0) return null;
    const ext: RowExtension = {
      needs: [...used],
      shardable: true,
      row(values, row) {
        for (const check of checks) check(values, row);
      },
      finish() {},
    };
    return ext;
  };
}

function compare(a: number | string, b: number | string, op: string): boolean {
  switch (op) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
    case '=': return a === b;
    default: return a !== b;
  }
}
