/** Reads a `Metadata` sheet of a workbook: label/value rows (Indonesian labels, the Jabar template way). */
import { openSource } from './open.js';
import { cellAddress, ReadError } from './table.js';

export interface LabelValue {
  label: string;
  value: string;
  /** A1 address of the value cell. */
  cell: string;
}

const SHEET_NAME = /^\s*metadata\s*$/i;

/** The metadata sheet among a workbook's sheets, if there is one. */
export function metadataSheetOf(sheets: readonly { name: string }[] | undefined): string | undefined {
  return sheets?.find((s) => SHEET_NAME.test(s.name))?.name;
}

/** The name of the workbook's metadata sheet, if it has one (opens the workbook to list its sheets). */
export async function metadataSheetName(path: string): Promise<string | undefined> {
  try {
    const src = await openSource(path);
    const name = metadataSheetOf(src.info.sheets);
    await src.close();
    return name;
  } catch (err) {
    if (err instanceof ReadError) return undefined;
    throw err;
  }
}

/** Label/value pairs: for each row, the first non-empty cell is the label and the next non-empty one the value. */
export async function readLabelValues(path: string, sheet: string): Promise<LabelValue[]> {
  const src = await openSource(path, { sheet });
  const out: LabelValue[] = [];
  try {
    for await (const batch of src.batches()) {
      for (const row of batch) {
        const filled = row.cells.map((c, i) => [c.trim(), i] as const).filter(([c]) => c !== '');
        if (filled.length < 2) continue;
        const [label] = filled[0]!;
        const [value, col] = filled[1]!;
        out.push({ label, value, cell: cellAddress(col, row.n) });
      }
    }
  } finally {
    await src.close();
  }
  return out;
}
