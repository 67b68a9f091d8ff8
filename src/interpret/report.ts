/**
 * The issues the Reading itself gives, once per column: how a numeric column's text is read (`number-style`),
 * a real conflict of evidence (`ambiguous-number`, naming the cells), both decimal marks in one column
 * (`mixed-number-format`), missing markers in a column a field reads, and a unit the numbers contradict
 * (`unit-implausible`, once per table).
 */
import type { IssueSink } from '../check/sink.js';
import { classifyNumber, formatId, valueOf } from '../check/numbers.js';
import type { ColumnReading, NumberConvention, Reading } from './reading.js';
import { peopleApprox, unitConflicts } from './units.js';
import { valueUnder } from './conventions.js';

const CELLS_SHOWN = 8;

function evidence(n: NumberConvention): string {
  const parts = n.evidence.map((e) => {
    const m = /^(id|en):(.+)$/.exec(e);
    return `@reading.ev.${m ? m[2] : e}`;
  });
  return parts.length === 1 ? parts[0]! : parts.join('|');
}

function rowOf(cell: string): number {
  return Number(/(\d+)$/.exec(cell)?.[1] ?? 0);
}

function cellList(cells: string[]): { cells: string; more: string } {
  return {
    cells: cells.slice(0, CELLS_SHOWN).join(', '),
    more: cells.length > CELLS_SHOWN ? `@reading.more:${cells.length - CELLS_SHOWN}` : '',
  };
}

/** The number a text reads as under a convention (for the message). */
export function readAs(text: string, n: NumberConvention): string {
  const v = valueUnder(text, n);
  return Number.isFinite(v) ? String(v) : text;
}

export function reportReading(reading: Reading, headerRow: number | undefined, sink: IssueSink): void {
  // (BPS codes in a column no standard checks are counted over every row by its column profile, check/profile.ts)
  for (const c of reading.columns) {
    const n = c.number;
    if (!n) continue;
    const at = { ...(headerRow !== undefined ? { row: headerRow } : {}), col: c.index, field: shownLabel(c) || c.letter };
    if (n.style === 'mixed') {
      const dot = (n.example && /\.\d+$/.test(n.example) ? n.example : undefined) ?? '1.5';
      sink.add('mixed-number-format', { dotExample: dot, commaExample: n.example ?? '', ...cellList(n.conflicts ?? []) }, at);
    } else if (n.style === 'ambiguous') {
      const cells = n.conflicts ?? [];
      const first = cells[0];
      const value = n.example ?? '';
      const k = classifyNumber(value);
      sink.add('ambiguous-number', {
        count: cells.length,
        asDecimal: formatId(valueOf(k.core, k.style, false)),
        asThousands: formatId(valueOf(k.core, k.style, true)),
        evidence: evidence(n),
        ...cellList(cells),
      }, { ...at, ...(first ? { row: rowOf(first) } : {}), value });
    } else if (n.style !== 'plain') {
      const value = n.example ?? '';
      sink.add('number-style', { style: `@reading.style.${n.style}`, read: readAs(value, n), evidence: evidence(n) }, { ...at, value });
    }
  }
  for (const u of unitConflicts(reading)) {
    const e = u.evidence;
    sink.add('unit-implausible', {
      columns: u.columns.map((c) => c.letter).join(', '), unit: u.unit, number: e.text, cell: e.cell,
      people: peopleApprox(e.people),
    }, { row: rowOf(e.cell), col: e.column.index, field: shownLabel(e.column) || e.column.letter, value: e.text });
  }
}

/** A column label as shown: the header cells joined with " › ". */
export function shownLabel(c: Pick<ColumnReading, 'label' | 'parts'>): string {
  return c.parts.length > 1 ? c.parts.join(' › ') : c.label;
}
