/** Content sniffing: decide what a file really is from its first bytes, not its extension. */
import { utf16Of } from './decode.js';

export type Sniffed =
  | 'empty'
  | 'xlsx' // a zip holding an OOXML workbook
  | 'zip' // another zip (docx, ods, a plain archive)
  | 'ole2' // BIFF .xls (or another OLE2 document)
  | 'html'
  | 'pdf'
  | 'binary'
  | 'text';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
export const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buf: Uint8Array, sig: number[], at = 0): boolean {
  if (buf.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (buf[at + i] !== sig[i]) return false;
  return true;
}

/** Sniffs the head of a file (the first few KB are enough). */
export function sniff(head: Uint8Array): Sniffed {
  if (head.length === 0) return 'empty';
  if (startsWith(head, ZIP) || startsWith(head, ZIP_EMPTY)) {
    const ascii = Buffer.from(head.subarray(0, Math.min(head.length, 4096))).toString('latin1');
    // The first entry of an OOXML package is usually [Content_Types].xml; names of xl/ parts also show.
    if (ascii.includes('[Content_Types].xml') || ascii.includes('xl/')) return 'xlsx';
    return 'zip';
  }
  if (startsWith(head, OLE2)) return 'ole2';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  const n = Math.min(head.length, 4096);
  const utf16 = utf16Of(head);
  if (utf16) {
    // Excel's "Unicode Text" (tab-separated) and CSVs saved as UTF-16: text, read by the CSV reader
    const units = Buffer.from(head.subarray(0, n & ~1));
    if (utf16 === 'utf-16be') units.swap16();
    return looksLikeHtml(units.toString('utf16le')) ? 'html' : 'text';
  }
  let start = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (start < n && (head[start] === 0x20 || head[start] === 0x09 || head[start] === 0x0a || head[start] === 0x0d)) start++;
  if (looksLikeHtml(Buffer.from(head.subarray(start, n)).toString('latin1'))) return 'html';
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) return 'binary';
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  if (control > n * 0.1) return 'binary';
  return 'text';
}

/** Text that opens as an HTML document or table (web exports saved as .xls). */
function looksLikeHtml(head: string): boolean {
  const text = head.replace(/^[\ufeff\s]+/, '').toLowerCase();
  return /^(<!doctype html|<html|<\?xml[^>]*>\s*<html|<table|<meta|<head|<body)/.test(text) || /^<[^>]*>[\s\S]{0,400}<table/.test(text);
}
