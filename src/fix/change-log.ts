/**
 * The change log of a fix run (`<out>.perubahan.csv`), written as the table streams, sorted by source row like
 * a whole sort of every change would be (stable: in a row, in the order the changes were made):
 *   1. changes without a row (`--set` values; a recompute of a field without a column), head ones first;
 *   2. the head's changes (title, blank and header rows, renames), by row;
 *   3. the rows after the header, in order.
 * Body changes go to spool files next to the log (never to memory); a totals row's line is written last, once
 * the totals check has given its result (`total-ok` / `total-mismatch: …`): the spool keeps the byte offset where
 * each belongs (those lines wait in a spool of their own), and the log is assembled by copying the spools with
 * those lines put in place. What is kept in memory is bounded: the head's changes, two numbers per totals row,
 * the first KEPT changes (for the report) and a count per rule.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { safeCsvCell, safeCsvLine } from '../io/safe-cell.js';
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
  /** Lines completed at the end (totals rows): their text but the last field in a spool; per line its length
   *  there and the body offset where it belongs. */
  private readonly laterText: Spool;
  private readonly laterAt = new F64s();
  private readonly laterLen = new F64s();
  /** The kept ones among them (their `new` is set at the end). */
  private readonly laterKept: { i: number; change: Change }[] = [];
  private count = 0;

  constructor(
    private readonly dest: string,
    scratch: (suffix: string) => string,
  ) {
    this.loose = new Spool(scratch('loose'));
    this.body = new Spool(scratch('body'));
    this.laterText = new Spool(scratch('later'));
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
    const text = safeCsvLine([c.cell, c.rule, c.old], '');
    const i = this.laterAt.length;
    this.laterAt.push(this.body.bytes);
    this.laterLen.push(Buffer.byteLength(text));
    this.laterText.write(text);
    if (this.keptBody.length < CHANGES_KEPT) {
      this.keptBody.push(c);
      this.laterKept.push({ i, change: c });
    }
    countInto(this.countsBody, c.rule);
  }

  async flush(): Promise<void> {
    await this.loose.flush();
    await this.body.flush();
    await this.laterText.flush();
  }

  destroy(): void {
    this.loose.destroy();
    this.body.destroy();
    this.laterText.destroy();
  }

  private later: (i: number) => string = () => '';

  /** How the lines added by addLater end: `later(i)` is the last field of the i-th one (asked in order). */
  settle(later: (i: number) => string): void {
    this.later = later;
  }

  /** Writes the whole log to `tmp` (the unit's temporary). */
  async finish(tmp: string): Promise<{ kept: Change[]; count: number; byRule: RuleCounts }> {
    const later = this.later;
    await this.loose.end();
    await this.body.end();
    await this.laterText.end();
    for (const k of this.laterKept) k.change.new = later(k.i);
    const sorted = [...this.head].sort((a, b) => rowOf(a.cell) - rowOf(b.cell));
    const headLoose = sorted.filter((c) => rowOf(c.cell) === 0);
    const headRows = sorted.filter((c) => rowOf(c.cell) !== 0);
    const out = new Spool(tmp);
    try {
      out.write(safeCsvLine(CHANGE_LOG_HEADER));
      for (const c of headLoose) out.write(line(c));
      await copyInto(out, this.loose.path, noInserts);
      for (const c of headRows) out.write(line(c));
      const texts = await open(this.laterText.path, 'r');
      try {
        const reader = new ChunkReader(texts);
        let i = 0;
        const next = async (): Promise<Insert | null> => {
          if (i >= this.laterAt.length) return null;
          const bytes = await reader.take(this.laterLen.at(i));
          const text = Buffer.concat([bytes, Buffer.from(`,${safeCsvCell(later(i))}\n`)]);
          return { at: this.laterAt.at(i++), bytes: text };
        };
        await copyInto(out, this.body.path, next);
      } finally {
        await texts.close();
      }
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

interface Insert {
  at: number;
  bytes: Buffer;
}

const noInserts = async (): Promise<Insert | null> => null;

/** Sequential reads of a file in large chunks, by byte counts. */
class ChunkReader {
  private buf = Buffer.alloc(0);
  private pos = 0;
  constructor(private readonly fh: import('node:fs/promises').FileHandle) {}
  async take(len: number): Promise<Buffer> {
    while (this.buf.length < len) {
      const chunk = Buffer.alloc(Math.max(1 << 20, len));
      const { bytesRead } = await this.fh.read(chunk, 0, chunk.length, this.pos);
      if (bytesRead === 0) throw new Error('change-log spool ended early');
      this.pos += bytesRead;
      this.buf = Buffer.concat([this.buf, chunk.subarray(0, bytesRead)]);
    }
    const out = this.buf.subarray(0, len);
    this.buf = this.buf.subarray(len);
    return out;
  }
}

/** Copies a file into `out`, putting each insert at its byte offset (`next` gives them in ascending order). */
async function copyInto(out: Spool, path: string, next: () => Promise<Insert | null>): Promise<void> {
  let pos = 0;
  let inserted = 0;
  let ins = await next();
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let from = 0;
    while (ins && ins.at < pos + chunk.length) {
      const cut = ins.at - pos;
      if (cut > from) out.writeBytes(chunk.subarray(from, cut));
      out.writeBytes(ins.bytes);
      from = cut;
      ins = await next();
      if (++inserted % 1024 === 0) await out.flush();
    }
    if (from < chunk.length) out.writeBytes(chunk.subarray(from));
    pos += chunk.length;
    await out.flush();
  }
  for (; ins; ins = await next()) {
    out.writeBytes(ins.bytes);
    if (++inserted % 1024 === 0) await out.flush();
  }
}

/** A growable array of doubles (columnar storage: no JS object per row). */
export class F64s {
  private buf = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
  at(i: number): number {
    return this.buf[i]!;
  }
}
