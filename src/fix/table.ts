/**
 * Streams a table for fix: its layout and header first, then every row after the header, classified, one at a
 * time (nothing but the header and the interpretation's bounded sample is kept). Fix reads a table twice
 * (plan.ts): the layout and each row's kind are decided the same way on both passes.
 */
import { openSource, type OpenOptions } from '../read/open.js';
import { detectLayout, RowClassifier, RowKind, type Layout } from '../read/layout.js';
import type { RawRow, RowSource, SourceInfo } from '../read/table.js';

export interface LoadedRow {
  row: RawRow;
  kind: RowKind;
}

/** What is known of a table before its rows: the source, the layout, the header rows and the sample. */
export interface TableHead {
  info: SourceInfo;
  layout: Layout;
  /** Header rows (raw), in order. */
  header: RawRow[];
  /** The first rows after the header, as the interpretation samples them. */
  sample: RawRow[];
}

export interface StreamedTable extends TableHead {
  /** Every row after the header, classified, in order, in batches (once). */
  rows(): AsyncIterable<LoadedRow[]>;
  close(): Promise<void>;
}

/** Opens a table and reads its head; the caller iterates `rows()` and closes it. The signal stops the reading
 *  (at the reader's next chunk and at the next batch here). */
export async function streamTable(path: string, opts: OpenOptions = {}): Promise<StreamedTable> {
  const source = await openSource(path, opts);
  try {
    // keep the header rows: detectLayout consumes them, so tee the first batches
    const seen: RawRow[] = [];
    const tee: RowSource = {
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
    const header = seen.filter((r) => layout.headerRows.includes(r.n));
    const signal = opts.signal;
    async function* classified(): AsyncIterable<LoadedRow[]> {
      const classifier = new RowClassifier(layout);
      const lastHeader = layout.headerRows[layout.headerRows.length - 1] ?? 0;
      let prevN = Math.max(lastHeader, ...layout.blankAfterHeader);
      for await (const batch of rows) {
        signal?.throwIfAborted();
        const out: LoadedRow[] = [];
        for (const row of batch) {
          // workbook readers skip absent rows: a gap is blank rows
          for (let n = prevN + 1; n < row.n && n - prevN < 50; n++) out.push({ row: { n, cells: [] }, kind: RowKind.Blank });
          prevN = row.n;
          out.push({ row, kind: classifier.classify(row) });
        }
        yield out;
      }
    }
    return { info: source.info, layout, header, sample, rows: classified, close: () => source.close() };
  } catch (err) {
    await source.close().catch(() => undefined);
    throw err;
  }
}

export { RowKind };
