/**
 * The change log of a fix run (`<out>.perubahan.csv`), written as the table streams, sorted by source row like
 * a whole sort of every change would be (stable: in a row, in the order the changes were made):
 *   1. changes without a row (`--set` values; a recompute of a field without a column), head ones first;
 *   2. the head's changes (title, blank and header rows, renames), by row;
 *   3. the rows after the header, in order.
 * Body changes go to spool files next to the log (never to memory); a totals row's line is written last, once
 * the totals check has given its result (`total-ok` / `total-mismatch: …`): the spool keeps the byte offset where
 * each belongs, and the log is assembled by copying the spools with those lines put in place. What is kept in
 * memory is bounded: the head's changes, the totals rows' lines, the first KEPT changes (for the report) and a
 * count per rule.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { safeCsvLine } from '../io/safe-cell.js';
import type { Change } from './types.js';

export const CHANGE_LOG_HEADER = ['sel', 'aturan', 'nilai_lama', 'nilai_baru'];

/** Changes listed in the plan (JSON report, tests); every change is in the log file. */
export const CHANGES_KEPT = 10_000;

/** The row of a change's cell (`B7`, `'Lobar 2023'!A6`); 0 when it has none. */
export function rowOf(cell: string): number {
  const m = /(\d+)$/.exec(cell);
  return m ? Number(m[1]) : 0;
}

const line = (c: Change) => safeCsvLine([c.cell, c.rule, c.old, c.new]);

/** A file written in large chunks, with its byte count; `flush` waits for the disk (backpressure). */
export class Spool {
  private readonly out: WriteStream;
  private buf: string[] = [];
  private bufChars = 0;
  bytes = 0;
  private failed: Error | undefined;
  constructor(readonly path: string) {
    this.out = createWriteStream(path);
    this.out.on('error', (e) => (this.failed ??= e));
  }
  write(text: string): void {
    this.buf.push(text);
    this.bufChars += text.length;
    this.bytes += Buffer.byteLength(text);
    if (this.bufChars >= 1 << 16) this.push();
  }
  /** Raw bytes (a copied file's chunk: never cut into characters). */
  writeBytes(data: Buffer): boolean {
    this.push();
    this.bytes += data.length;
    return this.out.write(data);
  }
  private push(): boolean {
    if (this.bufChars === 0) return true;
    const chunk = this.buf.join('');
    this.buf = [];
    this.bufChars = 0;
    return this.out.write(chunk);
  }
  /** Hands the buffer to the file and waits while the file's own buffer is full. */
  async flush(): Promise<void> {
    if (this.failed) throw this.failed;
    // `once` rejects when the stream emits 'error' while waiting
    if (!this.push() && !this.failed) await once(this.out, 'drain');
    if (this.failed) throw this.failed;
  }
  /** Writes the rest and closes the file. */
  async end(): Promise<void> {
    this.push();
    if (this.failed) throw this.failed;
    await new Promise<void>((resolve, reject) => {
      // the end callback gets the write error (the 'error' event may come after it)
      this.out.end((e?: Error | null) => {
        const failed = e ?? this.failed;
        if (failed) reject(failed);
        else resolve();
      });
    });
  }
  /** Closes without caring (after a failure: the file is removed by the unit). */
  destroy(): void {
    this.out.destroy();
  }
}

/** Count per rule, in the order rules first appear in the log. */
type RuleCounts = Map<string, number>;
const countInto = (m: RuleCounts, rule: string) => m.set(rule, (m.get(rule) ?? 0) + 1);

export class ChangeLog {
  private head: Change[] = [];
  /** Changes without a row met in the body, spooled. */
  private readonly loose: Spool;
  private readonly body: Spool;
  private readonly keptLoose: Change[] = [];
  private readonly keptBody: Change[] = [];
  private readonly countsLoose: RuleCounts = new Map();
  private readonly countsBody: RuleCounts = new Map();
  /** Lines completed at the end (totals rows), with the body offset where each belongs. */
  private readonly later: { at: number; change: Change }[] = [];
  private count = 0;

  constructor(
    private readonly dest: string,
    scratch: (suffix: string) => string,
  ) {
    this.loose = new Spool(scratch('loose'));
    this.body = new Spool(scratch('body'));
  }

  /** The head's changes (before any body change). */
  setHead(changes: Change[]): void {
    this.head = changes;
    this.count += changes.length;
  }

  /** A change of the body, in row order. */
  add(c: Change): void {
    this.count++;
    if (rowOf(c.cell) === 0) {
      this.loose.write(line(c));
      if (this.keptLoose.length < CHANGES_KEPT) this.keptLoose.push(c);
      countInto(this.countsLoose, c.rule);
      return;
    }
    this.body.write(line(c));
    if (this.keptBody.length < CHANGES_KEPT) this.keptBody.push(c);
    countInto(this.countsBody, c.rule);
  }

  /** A change whose `new` is settled later (the totals check): its line is written when the log is assembled. */
  addLater(c: Change): void {
    this.count++;
    this.later.push({ at: this.body.bytes, change: c });
    if (this.keptBody.length < CHANGES_KEPT) this.keptBody.push(c);
    countInto(this.countsBody, c.rule);
  }

  /** The changes settled later (the totals rows' lines), in order. */
  laterRows(): Change[] {
    return this.later.map((l) => l.change);
  }

  async flush(): Promise<void> {
    await this.loose.flush();
    await this.body.flush();
  }

  destroy(): void {
    this.loose.destroy();
    this.body.destroy();
  }

  /** Writes the whole log to `tmp` (the unit's temporary). */
  async finish(tmp: string): Promise<{ kept: Change[]; count: number; byRule: RuleCounts }> {
    await this.loose.end();
    await this.body.end();
    const sorted = [...this.head].sort((a, b) => rowOf(a.cell) - rowOf(b.cell));
    const headLoose = sorted.filter((c) => rowOf(c.cell) === 0);
    const headRows = sorted.filter((c) => rowOf(c.cell) !== 0);
    const out = new Spool(tmp);
    try {
      out.write(safeCsvLine(CHANGE_LOG_HEADER));
      for (const c of headLoose) out.write(line(c));
      await copyInto(out, this.loose.path, []);
      for (const c of headRows) out.write(line(c));
      await copyInto(out, this.body.path, this.later.map((l) => ({ at: l.at, text: line(l.change) })));
      await out.end();
    } catch (err) {
      out.destroy();
      throw err;
    }
    const kept = [...headLoose, ...this.keptLoose, ...headRows, ...this.keptBody].slice(0, CHANGES_KEPT);
    const byRule: RuleCounts = new Map();
    for (const c of headLoose) countInto(byRule, c.rule);
    for (const [r, n] of this.countsLoose) byRule.set(r, (byRule.get(r) ?? 0) + n);
    for (const c of headRows) countInto(byRule, c.rule);
    for (const [r, n] of this.countsBody) byRule.set(r, (byRule.get(r) ?? 0) + n);
    return { kept, count: this.count, byRule };
  }

  get path(): string {
    return this.dest;
  }
}

/** Copies a file into `out`, putting each insert's text at its byte offset (offsets ascending). */
async function copyInto(out: Spool, path: string, inserts: { at: number; text: string }[]): Promise<void> {
  let pos = 0;
  let k = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let from = 0;
    while (k < inserts.length && inserts[k]!.at < pos + chunk.length) {
      const cut = inserts[k]!.at - pos;
      if (cut > from) out.writeBytes(chunk.subarray(from, cut));
      out.write(inserts[k]!.text);
      from = cut;
      k++;
    }
    if (from < chunk.length) out.writeBytes(chunk.subarray(from));
    pos += chunk.length;
    await out.flush();
  }
  for (; k < inserts.length; k++) out.write(inserts[k]!.text);
}
