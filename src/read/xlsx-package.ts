/**
 * The small parts of an .xlsx read by the lean reader (xlsx-lean.ts), each with the fast scanner
 * (xml-scan.ts): relationships, workbook.xml (sheet list, states, date1904 as "1" or "true"),
 * sharedStrings.xml (rich runs joined, phonetic runs skipped) and styles.xml (which cell styles are dates).
 */
import { posix } from 'node:path';
import { attributes, XmlScanner, type ScanHandler } from './xml-scan.js';
import { isBuiltinDateFormatId, isDateFormat, sheetState } from './workbook-common.js';
import { decodeEscapes } from './xlsx-parts.js';

/** Streams a part's chunks through the scanner with a streaming UTF-8 decoder. */
export async function scanPart(chunks: AsyncIterable<Buffer>, handler: ScanHandler, part: string): Promise<void> {
  const scanner = new XmlScanner(handler, part);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) scanner.write(decoder.decode(chunk, { stream: true }));
  const tail = decoder.decode();
  if (tail) scanner.write(tail);
  scanner.end();
}

/** A handler that only looks at opening tags. */
function opens(fn: (name: string, a: () => Record<string, string>) => void, part: string): ScanHandler {
  return {
    capture: false,
    open: (name, src, from, to) => fn(name, () => attributes(src, from, to, part)),
    close: () => undefined,
    text: () => undefined,
  };
}

export interface Relationship {
  id: string;
  type: string;
  /** The target as a zip entry name (resolved against the part's folder). */
  target: string;
}

/** `xl/_rels/workbook.xml.rels` for `xl/workbook.xml`. */
export function relsPathOf(part: string): string {
  return posix.join(posix.dirname(part), '_rels', posix.basename(part) + '.rels');
}

export async function readRels(chunks: AsyncIterable<Buffer>, part: string, relsPath: string): Promise<Relationship[]> {
  const out: Relationship[] = [];
  const base = posix.dirname(part);
  await scanPart(chunks, opens((name, a) => {
    if (name !== 'Relationship') return;
    const r = a();
    if ((r.TargetMode ?? '').toLowerCase() === 'external' || !r.Target) return;
    const target = r.Target.startsWith('/') ? r.Target.slice(1) : posix.normalize(posix.join(base, r.Target));
    out.push({ id: r.Id ?? '', type: r.Type ?? '', target });
  }, relsPath), relsPath);
  return out;
}

export interface WorkbookPart {
  sheets: { name: string; state: 'visible' | 'hidden' | 'veryHidden'; rId: string }[];
  date1904: boolean;
}

export async function readWorkbook(chunks: AsyncIterable<Buffer>, part: string): Promise<WorkbookPart> {
  const wb: WorkbookPart = { sheets: [], date1904: false };
  await scanPart(chunks, opens((name, attrs) => {
    if (name === 'workbookPr') {
      const a = attrs();
      wb.date1904 = a.date1904 === '1' || a.date1904 === 'true';
    } else if (name === 'sheet') {
      const a = attrs();
      const idKey = Object.keys(a).find((k) => k === 'id' || k.endsWith(':id'));
      wb.sheets.push({ name: a.name ?? '', state: sheetState(a.state), rId: idKey ? a[idKey]! : '' });
    }
  }, part), part);
  return wb;
}

export async function readSharedStrings(chunks: AsyncIterable<Buffer>, part: string): Promise<string[]> {
  const list: string[] = [];
  let text = '';
  let phonetic = 0;
  const h: ScanHandler = {
    capture: false,
    open(name) {
      if (name === 't') h.capture = phonetic === 0;
      else if (name === 'si') text = '';
      else if (name === 'rPh') phonetic++;
    },
    close(name) {
      if (name === 't') h.capture = false;
      else if (name === 'si') list.push(decodeEscapes(text));
      else if (name === 'rPh') phonetic--;
    },
    text(t) {
      text += t;
    },
  };
  await scanPart(chunks, h, part);
  return list;
}

/** Which cell style ids (cellXfs indexes) show a date or time. */
export async function readDateStyles(chunks: AsyncIterable<Buffer>, part: string): Promise<(s: number) => boolean> {
  const formats = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  const h: ScanHandler = {
    capture: false,
    open(name, src, from, to) {
      if (name === 'numFmt') {
        const a = attributes(src, from, to, part);
        if (a.numFmtId !== undefined && a.formatCode !== undefined) formats.set(Number(a.numFmtId), a.formatCode);
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfs.push(Number(attributes(src, from, to, part).numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text: () => undefined,
  };
  await scanPart(chunks, h, part);
  const dates = xfs.map((id) => id > 0 && (isBuiltinDateFormatId(id) || isDateFormat(formats.get(id))));
  return (s) => dates[s] === true;
}
