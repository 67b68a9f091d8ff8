/**
 * A unit the header gives against what the numbers say: a count of people "(Ribu)" whose numbers, in thousands,
 * would be more people than any Indonesian table can count (BPS exports persons under a "(Ribu)" label). Said once
 * per table, naming the columns and the largest number as the evidence; the unit is not changed.
 */
import { valueUnder } from './conventions.js';
import type { PreparedColumn } from './facts.js';
import type { ColumnReading, NumberConvention, Reading } from './reading.js';

/** Multipliers a unit names. */
const SCALE: [RegExp, number][] = [[/\bribu\b/i, 1e3], [/\bjuta\b/i, 1e6], [/\bmiliar\b/i, 1e9]];
/** A count of people: its label or unit says so. */
const PEOPLE = /\b(penduduk|jiwa|orang)\b/i;
/**
 * More people than any count in an Indonesian table can be: the population was 281.6 million in 2024 (BPS
 * projection) and no projection reaches 350 million; the bound leaves room for such tables and for sums.
 */
const PEOPLE_BOUND = 500e6;

/** A count of people as its order of magnitude, a phrase (`@people.billion:12`): whole numbers, in either language. */
export function peopleApprox(n: number): string {
  return n >= 1e9 ? `@people.billion:${Math.floor(n / 1e9)}` : `@people.million:${Math.floor(n / 1e6)}`;
}

/** The largest sampled number of a column: stored numbers, and texts read under the decided convention. */
export function largestOf(c: PreparedColumn, n: NumberConvention | undefined): { largest?: { value: number; cell: string; text: string } } {
  let best = c.nativeLargest;
  if (n && n.style !== 'ambiguous' && n.style !== 'mixed') {
    for (const cell of c.numbers.cells) {
      const v = valueUnder(cell.text, n);
      if (Number.isFinite(v) && v > (best?.value ?? -Infinity)) best = { value: v, cell: cell.cell, text: cell.text };
    }
  }
  return best ? { largest: best } : {};
}

export interface UnitConflict {
  unit: string;
  columns: ColumnReading[];
  /** The column and cell whose number says it most plainly, and that number in the unit. */
  evidence: { column: ColumnReading; value: number; cell: string; text: string; people: number };
}

/** Columns counting people in a multiple (ribu, juta) whose numbers are too large for it, grouped by unit. */
export function unitConflicts(reading: Reading): UnitConflict[] {
  const byUnit = new Map<string, UnitConflict>();
  for (const k of reading.constants) {
    if (k.kind !== 'satuan') continue;
    const column = reading.columns[k.col];
    const largest = column?.largest;
    const scale = SCALE.find(([re]) => re.test(k.value))?.[1];
    if (!column || !largest || scale === undefined || !(PEOPLE.test(column.label) || PEOPLE.test(k.value))) continue;
    const people = largest.value * scale;
    if (!(people > PEOPLE_BOUND)) continue;
    const key = k.value.toLowerCase();
    const seen = byUnit.get(key);
    if (!seen) byUnit.set(key, { unit: k.value, columns: [column], evidence: { column, ...largest, people } });
    else {
      seen.columns.push(column);
      if (people > seen.evidence.people) seen.evidence = { column, ...largest, people };
    }
  }
  return [...byUnit.values()];
}
