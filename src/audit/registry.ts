/**
 * Reads and checks the Daftar Data registry (XLSX or CSV) through the shared readers (openSource: encoding,
 * delimiter, sheets, read errors as coded issues). The header is the first of the top rows that names the
 * required columns (title rows above it are skipped). The data-table layout heuristics are not used: in a
 * registry, titles such as "Jumlah Sekolah …" are items, not totals rows. Registry rules (known OPD codes,
 * frequencies, unique ids, readable periods, release lags) add coded issues.
 */
import { openSource } from '../read/open.js';
import { fsReason } from '../io/fs-reason.js';
import { sha256Of } from '../read/sha256.js';
import { ReadError } from '../read/table.js';
import { entry } from '../report/catalog.js';
import type { Issue } from '../report/issue.js';
import type { Frekuensi } from '../standards/metadata.js';
import { parsePeriod } from './calendar.js';
import type { RegistryItem } from './model.js';
import { findOpd } from './opd-codes.js';
import { FREQUENCIES } from './policy.js';

type Column = 'id' | 'judul' | 'opd' | 'frekuensi' | 'prioritas' | 'urusan' | 'standar' | 'periodeAwal' | 'lag' | 'dataset';

/** Accepted header labels per column (normalised: lowercase, non-alphanumerics removed). */
const ALIASES: Record<Column, string[]> = {
  id: ['id', 'iddata', 'kodedata', 'kode'],
  judul: ['judul', 'juduldata', 'namadata', 'jenisdata', 'uraian', 'title'],
  opd: ['kodeopd', 'opd', 'produsen', 'kodeprodusen', 'produsendata', 'perangkatdaerah'],
  frekuensi: ['frekuensi', 'periodisitas', 'frequency'],
  prioritas: ['dataprioritas', 'prioritas', 'priority'],
  urusan: ['kodeurusan', 'urusan', 'bidangurusan'],
  standar: ['standar', 'standardata', 'idstandar', 'standard'],
  periodeAwal: ['periodeawal', 'periodepertama', 'firstperiod', 'mulai'],
  lag: ['lag', 'laghari', 'jedarilis', 'jedarilishari', 'releaselag'],
  dataset: ['namadataset', 'dataset', 'datasetportal', 'portal', 'slug', 'name'],
};
const REQUIRED: Column[] = ['id', 'judul', 'opd', 'frekuensi', 'periodeAwal'];
/** The column names as the README documents them (messages name these). */
const LABEL: Record<Column, string> = {
  id: 'id', judul: 'judul', opd: 'kode_opd', frekuensi: 'frekuensi', prioritas: 'data_prioritas', urusan: 'kode_urusan',
  standar: 'standar', periodeAwal: 'periode_awal', lag: 'lag_hari', dataset: 'nama_dataset',
};

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const FREQ_ALIASES: Record<string, Frekuensi> = {
  tahun: 'tahunan', tahunan: 'tahunan', annual: 'tahunan', semester: 'semesteran', semesteran: 'semesteran',
  triwulan: 'triwulanan', triwulanan: 'triwulanan', quarterly: 'triwulanan', bulan: 'bulanan', bulanan: 'bulanan',
  monthly: 'bulanan', minggu: 'mingguan', mingguan: 'mingguan', weekly: 'mingguan', harian: 'harian', daily: 'harian',
  tidaktetap: 'tidak_tetap', irregular: 'tidak_tetap', insidental: 'tidak_tetap',
};

export interface RegistryResult {
  items: RegistryItem[];
  issues: Issue[];
  /** The file could not be read at all. */
  unreadable: boolean;
  /** Header labels found. */
  labels?: string[];
  sha256: string;
}

export function parseFrequency(text: string): Frekuensi | null {
  const f = FREQ_ALIASES[norm(text)];
  return f && FREQUENCIES.includes(f) ? f : null;
}

export async function readRegistry(path: string): Promise<RegistryResult> {
  const rows: { values: string[]; n: number }[] = [];
  let sha256: string;
  try {
    sha256 = await sha256Of(path);
    const source = await openSource(path);
    try {
      for await (const batch of source.batches()) for (const row of batch) rows.push({ values: row.cells.map((c) => (c ?? '').trim()), n: row.n });
    } finally {
      await source.close();
    }
  } catch (err) {
    if (err instanceof ReadError) return { items: [], issues: [{ code: err.code, severity: entry(err.code)?.severity ?? 'error', params: err.params }], unreadable: true, sha256: '' };
    const e = err as NodeJS.ErrnoException;
    return { items: [], issues: [{ code: 'source-error', severity: 'error', params: { reason: fsReason(e) } }], unreadable: true, sha256: '' };
  }
  const issues: Issue[] = [];
  const aliasSets = Object.fromEntries((Object.keys(ALIASES) as Column[]).map((c) => [c, new Set(ALIASES[c].map(norm))])) as Record<Column, Set<string>>;
  const colsOf = (labels: string[]) => {
    const col = {} as Record<Column, number>;
    for (const c of Object.keys(ALIASES) as Column[]) col[c] = labels.findIndex((l) => aliasSets[c].has(norm(l)));
    return col;
  };
  // header: the first of the top 20 rows naming the most required columns
  let headerAt = -1;
  let best = 0;
  for (let i = 0; i < Math.min(rows.length, 20); i++) {
    const col = colsOf(rows[i]!.values);
    const hits = REQUIRED.filter((c) => col[c] >= 0).length;
    if (hits > best) { best = hits; headerAt = i; }
    if (hits === REQUIRED.length) break;
  }
  if (headerAt < 0) headerAt = 0;
  const labels = rows[headerAt]?.values ?? [];
  const headerRow = rows[headerAt]?.n ?? 1;
  const col = colsOf(labels);
  const missing = REQUIRED.filter((c) => col[c] < 0);
  if (missing.length) {
    for (const c of missing) issues.push({ code: 'registry-missing-column', severity: 'error', params: { column: LABEL[c], found: labels.filter(Boolean).join(', ') }, row: headerRow });
    return { items: [], issues, unreadable: false, labels, sha256 };
  }
  const items: RegistryItem[] = [];
  const seen = new Map<string, number>();
  for (const { values, n } of rows.slice(headerAt + 1)) {
    const get = (c: Column) => (col[c] >= 0 ? (values[col[c]] ?? '').trim() : '');
    const id = get('id');
    if (!id && !get('judul')) continue;
    let ok = true;
    for (const c of REQUIRED) {
      if (get(c) === '') { issues.push({ code: 'registry-missing-value', severity: 'error', params: { column: LABEL[c] }, row: n, field: LABEL[c] }); ok = false; }
    }
    if (!ok) continue;
    const first = seen.get(id);
    // every problem of the row is reported, not only the first
    if (first !== undefined) { issues.push({ code: 'registry-duplicate-id', severity: 'error', params: { id, first }, row: n, field: 'id', value: id }); ok = false; }
    else seen.set(id, n);
    const opd = findOpd(get('opd'));
    if (!opd) { issues.push({ code: 'registry-unknown-opd', severity: 'error', params: { opd: get('opd') }, row: n, field: 'kode_opd', value: get('opd') }); ok = false; }
    const frekuensi = parseFrequency(get('frekuensi'));
    if (!frekuensi) { issues.push({ code: 'registry-bad-frequency', severity: 'error', params: { value: get('frekuensi'), choices: FREQUENCIES.join(', ') }, row: n, field: 'frekuensi', value: get('frekuensi') }); ok = false; }
    const periodeAwal = get('periodeAwal');
    if (frekuensi && frekuensi !== 'tidak_tetap' && parsePeriod(frekuensi, periodeAwal) === null) {
      issues.push({ code: 'registry-bad-period', severity: 'error', params: { value: periodeAwal, frekuensi }, row: n, field: 'periode_awal', value: periodeAwal });
      ok = false;
    }
    const lagText = get('lag');
    if (lagText !== '' && !/^\d+$/.test(lagText)) { issues.push({ code: 'registry-bad-lag', severity: 'error', params: { value: lagText }, row: n, field: 'lag_hari', value: lagText }); ok = false; }
    if (!ok || !opd || !frekuensi) continue;
    const prior = norm(get('prioritas'));
    items.push({
      id, judul: get('judul'), opd: opd.kode, frekuensi,
      prioritas: prior !== '' && !['0', 'tidak', 't', 'no', 'n', 'false', 'bukan'].includes(prior),
      ...(get('urusan') ? { urusan: get('urusan') } : {}),
      ...(get('standar') ? { standar: get('standar') } : {}),
      periodeAwal,
      ...(lagText !== '' ? { lag: Number(lagText) } : {}),
      ...(get('dataset') ? { dataset: get('dataset') } : {}),
      row: n,
    });
  }
  if (items.length === 0 && issues.length === 0) issues.push({ code: 'registry-empty', severity: 'error', params: {} });
  return { items, issues, unreadable: false, labels, sha256 };
}
