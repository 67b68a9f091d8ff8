/** What header labels reveal about the layout: wide tables (years, months, sexes as columns) and units. */
import { monthNumber, SEX_TOKEN, TOTAL_COLUMN, UNIT_IN_LABEL, YEAR_TOKEN } from '../read/words.js';
import { columnLetter } from '../read/table.js';
import type { IssueSink } from './sink.js';

/** A period of the year named by its number: semester, triwulan/kuartal/quarter, caturwulan. */
const PERIOD_LABEL = /\b(semester|triwulan|kuartal|quarter|caturwulan)\s*([1-4]|i{1,3}|iv)\b/i;

/** Every sex a label names. */
const SEX_ALL = new RegExp(SEX_TOKEN.source, 'gi');

/** Keys, not measures: a column named like these is never a part of a total. */
const KEY_LABEL = /^(no|nomor|tahun|year|bulan|month|periode|kode|code|id|nama|name|kabupaten|kota|kecamatan|desa|kelurahan|provinsi|wilayah|uraian)(\b|_|$)/i;

/** Columns left of a total (after the first, the row label) that could be its parts: at least two make a sum. */
function partsBefore(labels: string[], col: number): number {
  let n = 0;
  for (let c = 1; c < col; c++) if (labels[c] && !KEY_LABEL.test(labels[c]!.trim())) n++;
  return n;
}

/**
 * `standardFields`: the field names of the standard in use, so that a hint never contradicts it (a standard with
 * `laki_laki`, `perempuan` and `jumlah` columns is not told to use long format or to delete its totals column).
 */
export function checkLabelLayout(labels: string[], headerRow: number | undefined, mapped: (col: number) => boolean, sink: IssueSink, standardFields: string[] = []): void {
  const words = (name: string) => name.replace(/_/g, ' ');
  const standardTotal = standardFields.find((f) => TOTAL_COLUMN.test(words(f)));
  const totalHint = standardTotal ? `@hint.total.standard:${standardTotal}` : '@hint.total.delete';
  // the columns each kind of label names and the values it takes there: a year every column carries (a "2020"
  // spanning a merged header) is a constant of the table, not years side by side — the columns differ by what
  // varies (the months of 2020)
  const kinds = { year: sideBySide(), period: sideBySide(), month: sideBySide(), sex: sideBySide() };
  const see = (kind: keyof typeof kinds, col: number, value: string | undefined) => {
    if (value === undefined) return;
    kinds[kind].cols.push(col);
    kinds[kind].values.add(value);
  };
  labels.forEach((label, col) => {
    if (!label || mapped(col)) return;
    see('year', col, YEAR_TOKEN.exec(label)?.[2]);
    // a period named by its number ("Semester 1 (March)", "Triwulan II"): periods, whatever month it names
    const period = PERIOD_LABEL.exec(label);
    see('period', col, period ? `${period[1]!.toLowerCase()} ${period[2]!.toLowerCase()}` : undefined);
    const month = monthOf(label);
    see('month', col, month === undefined ? undefined : String(month));
    // a label naming two sexes ("Laki-Laki + Perempuan") is their total, not a third sex
    const sexes = new Set([...label.matchAll(SEX_ALL)].map((m) => m[1]!.toLowerCase().replace(/[\s-]+/g, '-')));
    if (sexes.size === 1) see('sex', col, [...sexes][0]);
    if ((TOTAL_COLUMN.test(label) || sexes.size >= 2) && col > 0 && partsBefore(labels, col) >= 2) sink.add('total-column', { label, totalHint }, headerRow !== undefined ? { row: headerRow, col, value: label } : { col, value: label });
    const unit = UNIT_IN_LABEL.exec(label);
    if (unit) sink.add('unit-in-header', { label, unit: unit[1]!.trim() }, headerRow !== undefined ? { row: headerRow, col, value: label } : { col, value: label });
  });
  const TOKENS: Record<string, RegExp> = { year: YEAR_TOKEN, sex: SEX_TOKEN };
  const report = (cols: number[], kind: string) => {
    const first = cols[0]!;
    const letters = cols.length > 6 ? `${columnLetter(first)}–${columnLetter(cols[cols.length - 1]!)}` : cols.map(columnLetter).join(', ');
    const token = TOKENS[kind];
    const standardWide = kind === 'month'
      ? standardFields.filter((f) => monthOf(words(f)) !== undefined)
      : token ? standardFields.filter((f) => token.test(words(f))) : [];
    const layoutHint = standardWide.length >= 2 ? `@hint.wide.standard:${standardWide.join(', ')}` : '@hint.wide.long';
    sink.add('wide-layout', { columns: letters, kind: `@kind.${kind}`, layoutHint }, headerRow !== undefined ? { row: headerRow, col: first } : { col: first });
  };
  // the first kind, in this order, that at least `least` columns name with two values or more
  const order: [keyof typeof kinds, number][] = [['year', 2], ['period', 2], ['month', 3], ['sex', 2]];
  const wide = order.find(([kind, least]) => kinds[kind].cols.length >= least && kinds[kind].values.size >= 2);
  if (wide) report(kinds[wide[0]].cols, wide[0]);
}

function sideBySide(): { cols: number[]; values: Set<string> } {
  return { cols: [], values: new Set() };
}

/** The month a label names by a word of three letters or more ("Januari", "Feb", "March"), if any. */
function monthOf(label: string): number | undefined {
  for (const w of label.toLowerCase().split(/[^a-z]+/)) {
    const month = w.length >= 3 ? monthNumber(w) : undefined;
    if (month !== undefined) return month;
  }
  return undefined;
}
