/** Reads a whole table into memory with its layout and each row's kind (fix works on small OPD tables). */
import { openSource, type OpenOptions } from '../read/open.js';
import { detectLayout, RowClassifier, RowKind, type Layout } from '../read/layout.js';
import type { RawRow, SourceInfo } from '../read/table.js';

export interface LoadedRow {
  row: RawRow;
  kind: RowKind;
}

export interface LoadedTable {
  info: SourceInfo;
  layout: Layout;
  /** Header rows (raw), in order. */
  header: RawRow[];
  /** Every row after the header, classified. */
  rows: LoadedRow[];
  /** The first rows after the header, as the interpretation samples them. */
  sample: RawRow[];
}

export async function loadTable(path: string, opts: OpenOptions = {}): Promise<LoadedTable> {
  const source = await openSource(path, opts);
  try {
    // keep the header rows: detectLayout consumes them, so tee the first batches
    const seen: RawRow[] = [];
    const tee: typeof source = {
      info: source.info,
      close: () => source.close(),
      batches: async function* () {
        for await (const b of source.batches()) {
          if (seen.length < 200) for (const r of b) if (seen.length < 200) seen.push(r);
          yield b;
        }
      },
    };
    const { layout, rows, sample } = await detectLayout(tee);
    const classifier = new RowClassifier(layout);
    const out: LoadedRow[] = [];
    const lastHeader = layout.headerRows[layout.headerRows.length - 1] ?? 0;
    let prevN = Math.max(lastHeader, ...layout.blankAfterHeader);
    for await (const batch of rows) {
      for (const row of batch) {
        // workbook readers skip absent rows: a gap is blank rows
        for (let n = prevN + 1; n < row.n && n - prevN < 50; n++) out.push({ row: { n, cells: [] }, kind: RowKind.Blank });
        prevN = row.n;
        out.push({ row, kind: classifier.classify(row) });
      }
    }
    const header = seen.filter((r) => layout.headerRows.includes(r.n));
    return { info: source.info, layout, header, rows: out, sample };
  } finally {
    await source.close().catch(() => undefined);
  }
}

export { RowKind };
