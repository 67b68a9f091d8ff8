/**
 * Reads and checks the Daftar Data registry (XLSX or CSV). The file is read through validateFile like any
 * other table; registry rules (known OPD codes, frequencies, unique ids, readable periods) add coded issues.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { validateFile } from '../check/validate-file.js';
import type { Issue, TableReport } from '../report/issue.js';
import type { Frekuensi } from '../standards/metadata.js';
import { parsePeriod } from './calendar.js';
import type { RegistryItem } from './model.js';
import { findOpd } from './opd-codes.js';
import { FREQUENCIES } from './policy.js';

type Column = 'id' | 'judul' | 'opd' | 'frekuensi' | 'prioritas' | 'urusan' | 'standar' | 'periodeAwal' | 'lag' | 'dataset';

/** Accepted header labels per column (normalised: lowercase, non-alphanumerics removed). */
const ALIASES: Record<Column, string[]> = {
  id: ['id', 'kode', 'kodedata', 'iddata', 'no', 'nomor'],
  judul: ['judul', 'judulData', 'namadata', 'jenisdata', 'uraian', 'title'],
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
  table?: TableReport;
  sha256: string;
}

export function parseFrequency(text: string): Frekuensi | null {
  const f = FREQ_ALIASES[norm(text)];
  return f && FREQUENCIES.includes(f) ? f : null;
}

export async function readRegistry(path: string): Promise<RegistryResult> {
  const rows: { values: (string | null)[]; n: number }[] = [];
  const [table] = await validateFile(path, { maxErrors: 100, onRow: (values, row) => rows.push({ values: values.slice(), n: row.n }) });
  if (!table || table.unreadable) return { items: [], issues: table?.issues ?? [], unreadable: true, sha256: '' };
  const sha256 = table.stats.sha256 ?? createHash('sha256').update(await readFile(path)).digest('hex');
  const issues: Issue[] = [];
  const headerRow = table.layout?.headerRows?.[0] ?? 1;
  const col = {} as Record<Column, number>;
  const labels = table.labels.map(norm);
  for (const c of Object.keys(ALIASES) as Column[]) {
    col[c] = labels.findIndex((l) => ALIASES[c].map(norm).includes(l));
  }
  const missing = REQUIRED.filter((c) => col[c] < 0);
  if (missing.length) {
    for (const c of missing) issues.push({ code: 'registry-missing-column', severity: 'error', params: { column: ALIASES[c][0]!, found: table.labels.join(', ') }, row: headerRow });
    return { items: [], issues, unreadable: false, table, sha256 };
  }
  const items: RegistryItem[] = [];
  const seen = new Map<string, number>();
  for (const { values, n } of rows) {
    const get = (c: Column) => (col[c] >= 0 ? (values[col[c]] ?? '').trim() : '');
    const id = get('id');
    if (!id && !get('judul')) continue;
    let ok = true;
    for (const c of REQUIRED) {
      if (get(c) === '') { issues.push({ code: 'registry-missing-value', severity: 'error', params: { column: ALIASES[c][0]! }, row: n, field: ALIASES[c][0] }); ok = false; }
    }
    if (!ok) continue;
    const first = seen.get(id);
    if (first !== undefined) { issues.push({ code: 'registry-duplicate-id', severity: 'error', params: { id, first }, row: n, field: 'id', value: id }); continue; }
    seen.set(id, n);
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
  return { items, issues, unreadable: false, table, sha256 };
}
