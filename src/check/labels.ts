/** What header labels reveal about the layout: wide tables (years, months, sexes as columns) and units. */
import { MONTHS, SEX_TOKEN, TOTAL_COLUMN, UNIT_IN_LABEL, YEAR_TOKEN } from '../read/words.js';
import { columnLetter } from '../read/table.js';
import type { IssueSink } from './sink.js';

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
  const years: number[] = [];
  const months: number[] = [];
  const sexes: number[] = [];
  labels.forEach((label, col) => {
    if (!label || mapped(col)) return;
    if (YEAR_TOKEN.test(label)) years.push(col);
    const words = label.toLowerCase().split(/[^a-z]+/);
    if (words.some((w) => w.length >= 3 && MONTHS[w] !== undefined)) months.push(col);
    if (SEX_TOKEN.test(label)) sexes.push(col);
    if (TOTAL_COLUMN.test(label) && col > 0 && partsBefore(labels, col) >= 2) sink.add('total-column', { label, totalHint }, headerRow !== undefined ? { row: headerRow, col, value: label } : { col, value: label });
    const unit = UNIT_IN_LABEL.exec(label);
    if (unit) sink.add('unit-in-header', { label, unit: unit[1]!.trim() }, headerRow !== undefined ? { row: headerRow, col, value: label } : { col, value: label });
  });
  const TOKENS: Record<string, RegExp> = { year: YEAR_TOKEN, sex: SEX_TOKEN };
  const report = (cols: number[], kind: string) => {
    const first = cols[0]!;
    const letters = cols.length > 6 ? `${columnLetter(first)}–${columnLetter(cols[cols.length - 1]!)}` : cols.map(columnLetter).join(', ');
    const token = TOKENS[kind];
    const standardWide = kind === 'month'
      ? standardFields.filter((f) => words(f).toLowerCase().split(/[^a-z]+/).some((w) => w.length >= 3 && MONTHS[w] !== undefined))
      : token ? standardFields.filter((f) => token.test(words(f))) : [];
    const layoutHint = standardWide.length >= 2 ? `@hint.wide.standard:${standardWide.join(', ')}` : '@hint.wide.long';
    sink.add('wide-layout', { columns: letters, kind: `@kind.${kind}`, layoutHint }, headerRow !== undefined ? { row: headerRow, col: first } : { col: first });
  };
  if (years.length >= 2) report(years, 'year');
  else if (months.length >= 3) report(months, 'month');
  else if (sexes.length >= 2) report(sexes, 'sex');
}
