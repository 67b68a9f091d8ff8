/**
 * Dataset metadata: found next to the data (sidecar `<data>.metadata.json|yaml|yml`), in a `Metadata` sheet
 * of the workbook (label/value rows with Indonesian labels), or in a `datapackage.json` beside the data;
 * checked with ajv against the canonical model; then cross-checked with the data and the standard
 * (years within periode_awal..periode_akhir, satuan and tingkat_penyajian as the standard says, produsen a
 * known OPD code).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { checkMetadata, sidecarPath, type MetadataProblem } from '../standards/metadata-load.js';
import { METADATA_LABELS, type Metadata } from '../standards/metadata.js';
import type { StandardInfo } from '../standards/standard.js';
import { codeList, sameUnit } from '../standards/code-lists.js';
import { metadataSheetName, metadataSheetOf, readLabelValues } from '../read/metadata-sheet.js';
import { fold } from '../read/words.js';
import type { ExtensionFactory } from './validate-table.js';
import type { IssueSink } from './sink.js';
import { ajvParam } from '../i18n/ajv-text.js';

export interface FoundMetadata {
  metadata: Partial<Metadata>;
  /** File (and sheet) it came from. */
  source: string;
  sheet?: string;
  /** Cell of each key when it came from a sheet. */
  cells: Record<string, string>;
  problems: MetadataProblem[];
  /** A file that could not be parsed. */
  unreadable?: string;
}

/** Synonyms of the labels a Metadata sheet may use (folded), besides METADATA_LABELS. */
const LABEL_SYNONYMS: Record<string, string> = {
  'nama dataset': 'judul', 'judul dataset': 'judul', 'produsen': 'produsen', 'produsen data': 'produsen', 'opd': 'produsen',
  'kode opd': 'produsen', 'organisasi': 'produsen', 'kontak produsen': 'kontak', 'email': 'kontak', 'satuan dataset': 'satuan',
  'tingkat penyajian dataset': 'tingkat_penyajian', 'cakupan dataset': 'cakupan', 'cakupan wilayah': 'cakupan', 'kode wilayah': 'cakupan',
  'frekuensi dataset': 'frekuensi', 'periode update data': 'frekuensi', 'dimensi dataset awal': 'periode_awal', 'dimensi dataset akhir': 'periode_akhir',
  'bidang urusan': 'kode_urusan', 'urusan': 'kode_urusan', 'sumber external': 'sumber', 'license': 'lisensi', 'pengukuran dataset': 'metode_perhitungan',
};

function keyOfLabel(label: string): string | undefined {
  const f = fold(label).replace(/\s+\d+$/, '');
  for (const [key, names] of Object.entries(METADATA_LABELS)) if (fold(names.id) === f || fold(names.en) === f || fold(key.replace(/_/g, ' ')) === f) return key;
  return LABEL_SYNONYMS[f];
}

const LIST_KEYS = new Set(['topik', 'tags']);

/** Turns label/value pairs into a metadata object (produsen "kode - nama" split; lists split on commas). */
export function metadataFromPairs(pairs: { label: string; value: string; cell: string }[]): { metadata: Record<string, unknown>; cells: Record<string, string> } {
  const metadata: Record<string, unknown> = {};
  const cells: Record<string, string> = {};
  for (const { label, value, cell } of pairs) {
    const key = keyOfLabel(label);
    if (!key || metadata[key] !== undefined) continue;
    cells[key] = cell;
    if (key === 'produsen') {
      const m = /^([\d.]+)\s*[-–:]\s*(.+)$/.exec(value);
      metadata.produsen = m ? { kode: m[1], nama: m[2]!.trim() } : { kode: value };
    } else if (LIST_KEYS.has(key)) metadata[key] = value.split(/[,;]/).map((s) => s.trim()).filter(Boolean);
    else if (key === 'data_prioritas') metadata[key] = Number(value);
    else metadata[key] = value;
  }
  return { metadata, cells };
}

/**
 * Finds the metadata of a data file, or null when there is none. Never throws on bad content.
 * `sheets`: the workbook's sheets when the caller has it open already (saves opening it again).
 */
export async function findMetadata(dataPath: string, opts: { sheetChosen?: string; sheets?: readonly { name: string }[] } = {}): Promise<FoundMetadata | null> {
  const base = sidecarPath(dataPath).replace(/\.json$/, '');
  for (const ext of ['.json', '.yaml', '.yml']) {
    const path = base + ext;
    if (!existsSync(path)) continue;
    try {
      const text = await readFile(path, 'utf8');
      const metadata = ext === '.json' ? JSON.parse(text) : (await import('yaml')).parse(text);
      return { metadata, source: path, cells: {}, problems: await checkMetadata(metadata, path) };
    } catch (err) {
      return { metadata: {}, source: path, cells: {}, problems: [], unreadable: (err as Error).message.split('\n')[0]!.slice(0, 160) };
    }
  }
  if (/\.(xlsx|xls)$/i.test(dataPath)) {
    const sheet = opts.sheets ? metadataSheetOf(opts.sheets) : await metadataSheetName(dataPath);
    if (sheet && sheet !== opts.sheetChosen) {
      const { metadata, cells } = metadataFromPairs(await readLabelValues(dataPath, sheet));
      const problems = (await checkMetadata(metadata, dataPath)).map((p) => ({ ...p, cell: cells[p.pointer.split('/')[1] ?? ''] }));
      return { metadata: metadata as Partial<Metadata>, source: dataPath, sheet, cells, problems };
    }
  }
  const pkg = join(dirname(dataPath), 'datapackage.json');
  if (existsSync(pkg)) {
    try {
      const json = JSON.parse(await readFile(pkg, 'utf8'));
      const metadata = json['satudata:metadata'] ?? json.satudata?.metadata;
      if (metadata) return { metadata, source: pkg, cells: {}, problems: await checkMetadata(metadata, pkg) };
    } catch (err) {
      return { metadata: {}, source: pkg, cells: {}, problems: [], unreadable: (err as Error).message.slice(0, 160) };
    }
  }
  return null;
}

/** Issues for the metadata itself (schema problems, unreadable file, mismatches with the standard). */
export function reportMetadata(found: FoundMetadata | null, info: StandardInfo | undefined, sink: IssueSink): void {
  if (!found) {
    if (info) sink.add('metadata-missing', { sidecar: '' });
    return;
  }
  const at = (key: string) => (found.cells[key] ? { value: key } : undefined);
  if (found.unreadable) {
    sink.add('metadata-unreadable', { source: found.source, detail: found.unreadable });
    return;
  }
  for (const p of found.problems) {
    const key = p.pointer.replace(/^\//, '').split('/')[0] || '/';
    const detail = ajvParam([{ keyword: p.keyword, params: p.params }], 1, false);
    const issue = { key: p.pointer.replace(/^\//, ''), source: found.sheet ? `${found.sheet}!${p.cell ?? ''}` : found.source, detail };
    sink.add('metadata-error', issue, at(key));
  }
  const m = found.metadata;
  if (info) {
    if (typeof m.satuan === 'string' && m.satuan && !sameUnit(m.satuan, info.satuan)) sink.add('metadata-mismatch', { key: 'satuan', value: m.satuan, expected: info.satuan });
    if (typeof m.tingkat_penyajian === 'string' && m.tingkat_penyajian !== info.tingkat_penyajian) sink.add('metadata-mismatch', { key: 'tingkat_penyajian', value: m.tingkat_penyajian, expected: info.tingkat_penyajian });
    if (typeof m.frekuensi === 'string' && m.frekuensi !== info.frekuensi) sink.add('metadata-mismatch', { key: 'frekuensi', value: m.frekuensi, expected: info.frekuensi });
  }
  const kode = m.produsen?.kode;
  const opd = codeList('opd-ntb');
  if (kode && opd && !opd.byCode.has(kode) && /^\d\.\d{2}/.test(kode)) sink.add('unknown-opd', { code: kode });
}

/** Years in the data's period field must fall within periode_awal..periode_akhir. */
export function metadataPeriodExtension(found: FoundMetadata | null, info: StandardInfo | undefined): ExtensionFactory {
  return ({ sink, schema, fieldColumns }) => {
    const from = yearOf(found?.metadata.periode_awal);
    const to = yearOf(found?.metadata.periode_akhir);
    const field = info?.periode as string | undefined;
    const i = field ? schema.fields.findIndex((f) => f.name === field) : -1;
    if (from === undefined || to === undefined || i < 0 || fieldColumns[i]! < 0) return null;
    const reported = new Set<number>();
    return {
      needs: [field!],
      row(values, row) {
        const y = yearOf(values[fieldColumns[i]!] ?? undefined);
        // once per year outside the period (its first cell), not once per row
        if (y === undefined || (y >= from && y <= to) || reported.has(y) || reported.size >= 50) return;
        reported.add(y);
        sink.add('metadata-period', { year: y, from: String(found!.metadata.periode_awal), to: String(found!.metadata.periode_akhir) }, { row: row.n, line: row.line, col: fieldColumns[i]!, field: field!, value: String(values[fieldColumns[i]!]) });
      },
      finish() {},
    };
  };
}

function yearOf(v: unknown): number | undefined {
  const m = /^(\d{4})/.exec(String(v ?? ''));
  return m ? Number(m[1]) : undefined;
}
