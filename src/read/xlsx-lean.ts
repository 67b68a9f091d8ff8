/**
 * The lean XLSX reader: the zip is read through its central directory (random access, no spooling to disk:
 * shared strings and styles are read first whatever the entry order), every entry inflated through one
 * meter (limits.ts ZipMeter), and the sheet XML parsed by the fast scanner (xml-scan.ts) straight into
 * RawRows with the same cell logic as the exceljs path (xlsx-parts.ts SheetParser). exceljs stays for
 * writing and as the fallback for zips this reader does not take (no central directory, encryption,
 * no workbook part): openLeanXlsx then returns null.
 */
import { ReadError, type RawRow, type RowSource, type SourceInfo } from './table.js';
import { requestedSheetIndex } from './workbook-common.js';
import { ZipMeter, type ZipEntry } from './limits.js';
import { entryChunks } from './zip-entry.js';
import { readDateStyles, readRels, readSharedStrings, readWorkbook, relsPathOf, type Relationship } from './xlsx-package.js';
import { CLOSED, noteSheetEnd, parsedBatches, SheetParser } from './xlsx-parts.js';

const OFFICE_DOCUMENT = /\/officeDocument$/;

class LeanXlsxSource implements RowSource {
  readonly info: SourceInfo;
  private closed = false;
  private iterated = false;
  private readonly meter = new ZipMeter();
  private readonly byName = new Map<string, ZipEntry>();
  private strings: readonly string[] = [];
  private isDate: (s: number) => boolean = () => false;
  private parser?: SheetParser;
  private chunks?: AsyncGenerator<Buffer>;
  private sheetDone = true;

  constructor(path: string, bytes: number, entries: ZipEntry[], private readonly request: string | number | undefined, private readonly signal?: AbortSignal) {
    this.info = { path, format: 'xlsx', bytes, merges: [], notes: [] };
    for (const e of entries) if (!this.byName.has(e.name)) this.byName.set(e.name, e);
  }

  /** The entry of a part name (exact, then case-insensitive: some writers differ in case). */
  entry(name: string): ZipEntry | undefined {
    const exact = this.byName.get(name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    for (const [k, e] of this.byName) if (k.toLowerCase() === lower) return e;
    return undefined;
  }

  private chunksOf(e: ZipEntry): AsyncGenerator<Buffer> {
    return entryChunks(this.info.path, e, this.meter.entry(e.name, e.compressed, e.uncompressed), () => !this.closed && this.signal?.aborted !== true, CLOSED);
  }

  private async rels(part: string): Promise<Relationship[]> {
    const path = relsPathOf(part);
    const e = this.entry(path);
    return e ? readRels(this.chunksOf(e), part, path) : [];
  }

  /** The workbook part (from _rels/.rels, else xl/workbook.xml), or undefined when the zip has none. */
  async workbookPart(): Promise<string | undefined> {
    const root = (await this.rels('')).find((r) => OFFICE_DOCUMENT.test(r.type) && this.entry(r.target));
    if (root) return this.entry(root.target)!.name;
    return this.entry('xl/workbook.xml')?.name;
  }

  async open(workbook: string): Promise<void> {
    const wbRels = await this.rels(workbook);
    const wb = await readWorkbook(this.chunksOf(this.entry(workbook)!), workbook);
    const sheets = wb.sheets.map((s) => ({ name: s.name, state: s.state as string }) as { name: string; state: string; empty?: boolean });
    this.info.sheets = sheets;
    this.info.dateSystem = wb.date1904 ? 1904 : 1900;
    const target = requestedSheetIndex(this.request, sheets);
    const byType = (suffix: string, fallback: string) => wbRels.find((r) => r.type.endsWith(suffix) && this.entry(r.target))?.target ?? fallback;
    const strings = this.entry(byType('/sharedStrings', 'xl/sharedStrings.xml'));
    if (strings) this.strings = await readSharedStrings(this.chunksOf(strings), strings.name);
    const styles = this.entry(byType('/styles', 'xl/styles.xml'));
    if (styles) this.isDate = await readDateStyles(this.chunksOf(styles), styles.name);
    const partOf = (i: number) => {
      const rel = wbRels.find((r) => r.id === wb.sheets[i]!.rId);
      return rel ? this.entry(rel.target) : undefined;
    };
    if (target !== undefined) {
      const part = partOf(target);
      if (!part) throw new ReadError('corrupt-file', { detail: `sheet "${sheets[target]!.name}" tanpa data / has no worksheet data` });
      this.startSheet(part);
      this.info.sheet = sheets[target]!.name;
      return;
    }
    // Default choice: the first visible sheet with a value. Read each until its first row (or its end).
    let any = false;
    for (let i = 0; i < sheets.length; i++) {
      const part = partOf(i);
      if (!part) continue;
      any = true;
      if (sheets[i]!.state !== 'visible') continue;
      this.startSheet(part);
      while (!this.sheetDone && this.parser!.rows.length === 0) await this.step();
      if (this.parser!.rows.length > 0) {
        sheets[i]!.empty = false;
        this.info.sheet = sheets[i]!.name;
        return;
      }
      sheets[i]!.empty = true;
      this.info.merges.length = 0;
    }
    if (!any) throw new ReadError('corrupt-file', { detail: 'tidak ada sheet yang terbaca / no readable worksheet' });
    // No visible sheet has a value: report the first visible one, with no rows.
    const first = sheets.find((s) => s.state === 'visible') ?? sheets[0];
    this.info.sheet = first?.name;
    this.parser = undefined;
    this.sheetDone = true;
  }

  private startSheet(part: ZipEntry): void {
    void this.chunks?.return(undefined);
    this.chunks = this.chunksOf(part);
    this.parser = new SheetParser(this.strings, this.isDate, this.info.dateSystem === 1904, this.info.merges, true);
    this.sheetDone = false;
  }

  /** Parses one more chunk of the current sheet. */
  private async step(): Promise<void> {
    if (this.closed || this.signal?.aborted) throw CLOSED;
    const c = await this.chunks!.next();
    if (c.done) {
      this.parser!.end();
      this.sheetDone = true;
    } else {
      this.parser!.feed(c.value);
    }
    if (this.parser!.width > (this.info.width ?? 0)) this.info.width = this.parser!.width;
    this.info.lastRow = this.parser!.lastRow;
  }

  async *batches(): AsyncGenerator<RawRow[]> {
    if (this.iterated) throw new Error('batches() can only be iterated once');
    this.iterated = true;
    try {
      const parser = this.parser;
      if (!parser) return;
      const delivered = yield* parsedBatches(parser, () => this.sheetDone, () => this.closed, () => this.step());
      noteSheetEnd(this.info, parser, delivered);
    } catch (err) {
      if (err === CLOSED || this.closed) return;
      throw err;
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.chunks?.return(undefined).catch(() => undefined);
  }
}

/** Opens a workbook with the lean reader; null when this zip is one for the exceljs fallback. */
export async function openLeanXlsx(path: string, bytes: number, entries: ZipEntry[], sheet: string | number | undefined, signal?: AbortSignal): Promise<RowSource | null> {
  if (entries.length === 0 || entries.some((e) => (e.flags & 1) !== 0)) return null;
  const source = new LeanXlsxSource(path, bytes, entries, sheet, signal);
  try {
    const workbook = await source.workbookPart();
    if (!workbook) return null;
    await source.open(workbook);
  } catch (err) {
    await source.close();
    throw err;
  }
  return source;
}
