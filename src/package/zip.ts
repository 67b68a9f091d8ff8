/**
 * Deterministic ZIP with jszip: entries sorted by path, one fixed date (1980-01-01 00:00 local, so the DOS
 * date fields do not depend on the time zone), DEFLATE level 6, no comments: same files → same bytes.
 */
import JSZip from 'jszip';
import { isSafeRelative } from './names.js';

export const ZIP_DATE = new Date(1980, 0, 1, 0, 0, 0);

export interface ZipEntry {
  path: string;
  bytes: Uint8Array;
}

export async function zipEntries(entries: ZipEntry[]): Promise<Uint8Array> {
  const zip = new JSZip();
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const e of sorted) {
    if (!isSafeRelative(e.path)) throw new Error(`unsafe path in zip: ${e.path}`);
    zip.file(e.path, e.bytes, { date: ZIP_DATE, binary: true, createFolders: false });
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
}

/** Re-packs a zip (an .xlsx from exceljs) with the fixed date and sorted entries. */
export async function normaliseZip(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const entries: ZipEntry[] = [];
  for (const [path, file] of Object.entries(zip.files)) {
    if (file.dir) continue;
    entries.push({ path, bytes: await file.async('uint8array') });
  }
  // [Content_Types].xml first is customary for OOXML readers; keep it first, the rest sorted
  const first = entries.filter((e) => e.path === '[Content_Types].xml');
  const rest = entries.filter((e) => e.path !== '[Content_Types].xml').sort((a, b) => (a.path < b.path ? -1 : 1));
  const out = new JSZip();
  for (const e of [...first, ...rest]) out.file(e.path, e.bytes, { date: ZIP_DATE, binary: true, createFolders: false });
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
}

/** Reads every file of a zip, refusing unsafe paths (zip-slip). */
export async function unzipEntries(bytes: Uint8Array): Promise<ZipEntry[]> {
  const zip = await JSZip.loadAsync(bytes);
  const out: ZipEntry[] = [];
  for (const [path, file] of Object.entries(zip.files)) {
    if (file.dir) continue;
    if (!isSafeRelative(path)) throw new Error(`unsafe path in zip: ${path}`);
    out.push({ path, bytes: await file.async('uint8array') });
  }
  return out;
}
