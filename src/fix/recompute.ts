/**
 * Derived values in fix: a value the standard declares by a formula (`aturan` of jenis `rumus`, e.g.
 * persentase = ditindaklanjuti / diterima × 100, or of jenis `jumlah`: total = the sum of its parts) that does not follow from its parts is reported
 * (`formula-mismatch`, among the problems fix leaves to the user) and recomputed only with `--recompute`,
 * each change logged. Tolerance: the declared one, and never less than half a unit of the last written decimal.
 */
import type { RawRow } from '../read/table.js';
import type { FieldDef } from '../standards/schema.js';
import type { StandardInfo } from '../standards/standard.js';
import { compileExpression, type Compiled } from '../check/expression.js';
import { formatId } from '../check/numbers.js';
import { at } from './layout.js';
import type { Change, FixProblem } from './types.js';

export interface DerivedRule {
  target: number;
  col: number;
  field: string;
  formula: string;
  run: Compiled;
  tolerance: number;
  uses: string[];
  fieldIndex: Map<string, number>;
  /** A sum rule: in a totals row its column is a sum too, checked by the totals check, not recomputed as a ratio. */
  sum: boolean;
}

type Rule = { jenis: string; kolom?: string; rumus?: string; toleransi?: number; total?: string; bagian?: string[] };

/** A sum rule (`jenis: jumlah`, total = the sum of its parts) is the formula `total = bagian1 + bagian2 …`. */
function asFormula(r: Rule): Rule {
  return r.jenis === 'jumlah' && r.total && r.bagian?.length ? { jenis: 'rumus', kolom: r.total, rumus: r.bagian.join(' + '), ...(r.toleransi !== undefined ? { toleransi: r.toleransi } : {}) } : r;
}

/** The standard's formulas whose target and parts are fields of the tidy table. */
export function derivedRules(info: StandardInfo | undefined, fields: FieldDef[], columnOf: (fi: number) => number): DerivedRule[] {
  const index = new Map(fields.map((f, i) => [f.name, i]));
  const out: DerivedRule[] = [];
  for (const rule of ((info?.aturan as Rule[] | undefined) ?? [])) {
    const r = asFormula(rule);
    if (r.jenis !== 'rumus' || !r.kolom || !r.rumus || !index.has(r.kolom)) continue;
    try {
      const { run, uses } = compileExpression(r.rumus, new Set(index.keys()));
      if (!uses.every((u) => index.has(u))) continue;
      const target = index.get(r.kolom)!;
      out.push({ target, col: columnOf(target), field: r.kolom, formula: `${r.kolom} = ${r.rumus}`, run, tolerance: r.toleransi ?? 0, uses, fieldIndex: index, sum: r !== rule });
    } catch {
      // the standard's own check reports a broken formula
    }
  }
  return out;
}

/** Checks one tidy row against the formulas; recomputes (and logs) only when asked. */
export function recomputeRow(o: string[], rules: DerivedRule[], row: RawRow, sheet: string | undefined, recompute: boolean, changes: Change[], problems: FixProblem[], aggregate = false): void {
  for (const r of rules) {
    if (aggregate && r.sum) continue;
    // a value fix refused to read (an ambiguous number, left as written) decides nothing
    if (problems.some((p) => p.row === row.n && p.field !== undefined && (p.field === r.field || r.uses.includes(p.field)))) continue;
    const written = o[r.target]!;
    const actual = written === '' ? NaN : Number(written);
    if (!Number.isFinite(actual)) continue;
    const expected = r.run((name) => {
      const v = o[r.fieldIndex.get(name)!];
      const n = v === undefined || v === '' ? NaN : Number(v);
      return Number.isFinite(n) ? n : undefined;
    });
    if (expected === undefined || !Number.isFinite(expected)) continue;
    // the precision the source cell states ("70,00": two decimals), not what the tidy value kept ("70")
    const raw = (r.col >= 0 ? row.cells[r.col] ?? '' : '').trim().replace(/\s*%$/, '');
    const m = /[.,](\d+)$/.exec(raw);
    const decimals = Math.max(written.includes('.') ? written.length - written.indexOf('.') - 1 : 0, m && !/^\d{1,3}(\.\d{3})+$/.test(raw) ? m[1]!.length : 0);
    const tol = Math.max(r.tolerance, 0.5 * 10 ** -decimals);
    if (Math.abs(actual - expected) <= tol + 1e-9 * Math.max(1, Math.abs(expected))) continue;
    const shown = Math.round(expected * 100) / 100;
    const cell = r.col >= 0 ? at(sheet, r.col, row.n) : '';
    if (aggregate) {
      // a totals row is dropped, never recomputed: its wrong ratio is told (the source total was wrong)
      const uses = r.uses.map((u) => o[r.fieldIndex.get(u)!] ?? '').join('/');
      problems.push({
        code: 'total-ratio-mismatch', severity: 'error', params: { label: r.field, value: raw || written, expected: formatId(shown), parts: uses },
        ...(r.col >= 0 ? { cell: at(undefined, r.col, row.n), col: r.col + 1 } : {}), row: row.n, field: r.field, value: written, ...(sheet ? { sheet } : {}),
      });
    } else if (recompute) {
      o[r.target] = String(shown);
      changes.push({ cell, rule: 'recompute', old: row.cells[r.col] ?? written, new: String(shown) });
    } else {
      problems.push({
        code: 'formula-mismatch', severity: 'error', params: { formula: r.formula, expected: formatId(shown), tolerance: formatId(tol) },
        ...(r.col >= 0 ? { cell: at(undefined, r.col, row.n), col: r.col + 1 } : {}), row: row.n, field: r.field, value: written, ...(sheet ? { sheet } : {}),
      });
    }
  }
}
