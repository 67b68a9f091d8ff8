/**
 * Metadata score per dataset, MQA-style (data.europa.eu points, 405 in all) adapted to the canonical keys
 * (domain brief §2, §7.1). Bands: ≥351 sangat baik, ≥221 baik, ≥121 cukup, else kurang.
 */
import type { Metadata } from '../standards/metadata.js';

export interface MetadataCheck { key: string; dimension: string; points: number; test: (m: Partial<Metadata>) => boolean }

const filled = (v: unknown) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null && String(typeof v === 'object' ? JSON.stringify(v) : v).trim() !== '' && v !== '{}');
const has = (k: string) => (m: Partial<Metadata>) => filled(m[k]);
const KNOWN_LICENCES = /^(cc-by|cc-by-sa|cc-zero|cc0|odc-by|odc-odbl|odc-pddl|cc-by-4\.0|cc-by-sa-4\.0|other-open|ogl)/i;
const FREQ = ['tahunan', 'semesteran', 'triwulanan', 'bulanan', 'mingguan', 'harian', 'tidak_tetap'];

export const METADATA_CHECKS: MetadataCheck[] = [
  // Findability 100
  { key: 'topik/tags', dimension: 'findability', points: 30, test: (m) => filled(m.topik) || filled(m.tags) },
  { key: 'kode_urusan', dimension: 'findability', points: 30, test: has('kode_urusan') },
  { key: 'cakupan+tingkat_penyajian', dimension: 'findability', points: 20, test: (m) => filled(m.cakupan) && filled(m.tingkat_penyajian) },
  { key: 'periode_awal+periode_akhir', dimension: 'findability', points: 20, test: (m) => filled(m.periode_awal) && filled(m.periode_akhir) },
  // Accessibility 100
  { key: 'tautan', dimension: 'accessibility', points: 50, test: has('tautan') },
  { key: 'slug', dimension: 'accessibility', points: 20, test: has('slug') },
  { key: 'akses', dimension: 'accessibility', points: 30, test: (m) => ['terbuka', 'terbatas', 'tertutup'].includes(String(m.akses)) },
  // Interoperability 110
  { key: 'konsep', dimension: 'interoperability', points: 20, test: has('konsep') },
  { key: 'definisi', dimension: 'interoperability', points: 20, test: has('definisi') },
  { key: 'metode_perhitungan', dimension: 'interoperability', points: 20, test: has('metode_perhitungan') },
  { key: 'ukuran', dimension: 'interoperability', points: 10, test: has('ukuran') },
  { key: 'satuan', dimension: 'interoperability', points: 20, test: has('satuan') },
  { key: 'standar', dimension: 'interoperability', points: 20, test: has('standar') },
  // Reusability 75
  { key: 'lisensi', dimension: 'reusability', points: 20, test: has('lisensi') },
  { key: 'lisensi-dikenal', dimension: 'reusability', points: 10, test: (m) => KNOWN_LICENCES.test(String(m.lisensi ?? '')) },
  { key: 'akses-lisensi-beda', dimension: 'reusability', points: 10, test: (m) => filled(m.lisensi) && String(m.lisensi).toLowerCase() !== 'terbuka' },
  { key: 'frekuensi', dimension: 'reusability', points: 5, test: (m) => FREQ.includes(String(m.frekuensi)) },
  { key: 'kontak', dimension: 'reusability', points: 20, test: has('kontak') },
  { key: 'produsen', dimension: 'reusability', points: 10, test: (m) => filled((m.produsen as { kode?: string } | undefined)?.kode) },
  // Contextuality 20
  { key: 'deskripsi', dimension: 'contextuality', points: 5, test: (m) => String(m.deskripsi ?? '').trim().length >= 100 },
  { key: 'walidata', dimension: 'contextuality', points: 5, test: has('walidata') },
  { key: 'kode_indikator', dimension: 'contextuality', points: 5, test: has('kode_indikator') },
  { key: 'sumber', dimension: 'contextuality', points: 5, test: has('sumber') },
];

export const METADATA_MAX = METADATA_CHECKS.reduce((s, c) => s + c.points, 0);

export type MetadataBand = 'sangat-baik' | 'baik' | 'cukup' | 'kurang';

export function metadataBand(score: number): MetadataBand {
  return score >= 351 ? 'sangat-baik' : score >= 221 ? 'baik' : score >= 121 ? 'cukup' : 'kurang';
}

/** Score and the keys that failed. */
export function scoreMetadata(m: Partial<Metadata> | undefined): { score: number; failed: string[] } {
  const md = m ?? {};
  let score = 0;
  const failed: string[] = [];
  for (const c of METADATA_CHECKS) {
    if (c.test(md)) score += c.points;
    else failed.push(c.key);
  }
  return { score, failed };
}
