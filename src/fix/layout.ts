/** Layout rules: drop title, blank, footnote and signature rows; flatten a multi-row header into one row. */
import { cellAddress, type RawRow } from '../read/table.js';
import type { TableHead } from './table.js';
import { RowKind } from './table.js';
import type { Change, FixRule } from './types.js';

export function rowText(row: RawRow): string {
  return row.cells.map((c) => c.trim()).filter(Boolean).join(' | ');
}

function firstCol(row: RawRow): number {
  const i = row.cells.findIndex((c) => c.trim() !== '');
  return i < 0 ? 0 : i;
}

export function at(sheet: string | undefined, col: number, row: number): string {
  const a = cellAddress(col, row);
  return sheet ? `${/^[A-Za-z0-9_]+$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`}!${a}` : a;
}

export function dropRowChange(sheet: string | undefined, row: RawRow, rule: FixRule): Change {
  return { cell: at(sheet, firstCol(row), row.n), rule, old: rowText(row), new: '' };
}

const KIND_RULE: Partial<Record<RowKind, FixRule>> = {
  [RowKind.Blank]: 'drop-blank-row',
  [RowKind.Footnote]: 'drop-footnote-row',
  [RowKind.Signature]: 'drop-signature-row',
};

/** Changes for the rows above the data: title and blank rows, the flattened header (not the rows after the
 *  header: rowLayoutChange gives those, row by row, as the table streams). */
export function headChanges(t: TableHead): Change[] {
  const sheet = t.info.sheet;
  const out: Change[] = [];
  for (const r of t.layout.titleRows) out.push(dropRowChange(sheet, r, 'drop-title-row'));
  for (const n of [...t.layout.blankBeforeHeader, ...t.layout.blankAfterHeader]) out.push({ cell: at(sheet, 0, n), rule: 'drop-blank-row', old: '', new: '' });
  if (t.header.length > 1) {
    // the flattened header takes the place of the last header row; the rows above it are dropped
    const last = t.header[t.header.length - 1]!;
    t.layout.labels.forEach((label, c) => {
      const parts = t.header.map((r) => (r.cells[c] ?? '').trim()).join(' / ');
      out.push({ cell: at(sheet, c, last.n), rule: 'flatten-header', old: parts, new: label });
    });
    for (const r of t.header.slice(0, -1)) out.push(dropRowChange(sheet, r, 'drop-header-row'));
  }
  return out;
}

/** The change for a blank, footnote or signature row after the header (null for other kinds). */
export function rowLayoutChange(sheet: string | undefined, row: RawRow, kind: RowKind): Change | null {
  const rule = KIND_RULE[kind];
  if (!rule) return null;
  if (rule === 'drop-blank-row') return { cell: at(sheet, 0, row.n), rule, old: '', new: '' };
  // personal data never reaches the change log: the row is named, its names and NIP are not copied
  if (rule === 'drop-signature-row') return { ...dropRowChange(sheet, row, rule), old: /\d{8}\s*\d{6}\s*\d\s*\d{3}/.test(row.cells.join(' ')) ? 'NIP (18 digit) disamarkan' : 'nama/jabatan disamarkan' };
  return dropRowChange(sheet, row, rule);
}

/** The bottom-most header text of a column (the leaf under merged group labels). */
export function leafLabel(t: TableHead, col: number): string {
  for (let r = t.header.length - 1; r >= 0; r--) {
    const v = (t.header[r]!.cells[col] ?? '').replace(/\s+/g, ' ').trim();
    if (v) return v;
  }
  return '';
}
