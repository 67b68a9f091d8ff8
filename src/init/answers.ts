/**
 * Init answers: what the officer gives (by flag or by prompt) and the metadata built from them with the
 * standard's defaults (konsep, definisi, ukuran, satuan, klasifikasi, tingkat penyajian, frekuensi, urusan).
 */
import type { Metadata } from '../standards/metadata.js';
import type { Standard } from '../standards/standard.js';
import { codeList } from '../standards/code-lists.js';
import { region } from '../standards/regions.js';

export interface InitAnswers {
  standard?: string;
  opd?: string;
  periodeAwal?: string;
  periodeAkhir?: string;
  cakupan?: string;
  judul?: string;
  akses?: string;
  lisensi?: string;
  sumber?: string;
  metode?: string;
  kontak?: string;
}

/** Answers that have no default: without them (and without a terminal) init cannot run. */
export const REQUIRED: { key: keyof InitAnswers; flag: string }[] = [
  { key: 'standard', flag: '--standard' },
  { key: 'opd', flag: '--opd' },
  { key: 'periodeAwal', flag: '--periode-awal' },
  { key: 'periodeAkhir', flag: '--periode-akhir' },
  { key: 'cakupan', flag: '--cakupan' },
];

export function missingFlags(a: InitAnswers): string[] {
  return REQUIRED.filter((r) => !a[r.key]).map((r) => r.flag);
}

export function opdEntry(code: string): { kode: string; nama: string } | undefined {
  const list = codeList('opd-ntb');
  if (!list) return undefined;
  const e = list.byCode.get(code) ?? list.entries.find((x) => x.singkatan?.toLowerCase() === code.toLowerCase());
  return e ? { kode: e.kode, nama: e.nama } : undefined;
}

export function opdChoices(): { kode: string; nama: string; singkatan?: string }[] {
  return (codeList('opd-ntb')?.entries ?? []).map((e) => ({ kode: e.kode, nama: e.nama, ...(e.singkatan ? { singkatan: e.singkatan } : {}) }));
}

export function regionName(code: string): string | undefined {
  try {
    return region(code)?.name;
  } catch {
    return undefined;
  }
}

/** Defaults a standard gives the metadata. */
export function defaultsFrom(std: Standard, a: InitAnswers): Partial<Metadata> {
  const i = std.info;
  const area = a.cakupan ? regionName(a.cakupan) : undefined;
  const period = a.periodeAwal && a.periodeAkhir ? (a.periodeAwal === a.periodeAkhir ? a.periodeAwal : `${a.periodeAwal}–${a.periodeAkhir}`) : '';
  const opd = a.opd ? opdEntry(a.opd) : undefined;
  return {
    judul: [i.judul, area, period].filter(Boolean).join(' — '),
    konsep: i.konsep,
    definisi: i.definisi,
    ...(i.klasifikasi ? { klasifikasi: i.klasifikasi } : {}),
    metode_perhitungan: typeof i.metode_perhitungan === 'string' ? i.metode_perhitungan : `${i.ukuran} (${i.satuan})`,
    ukuran: i.ukuran,
    satuan: i.satuan,
    tingkat_penyajian: i.tingkat_penyajian,
    frekuensi: i.frekuensi,
    ...(i.kode_urusan ? { kode_urusan: i.kode_urusan } : {}),
    ...(i.topik ? { topik: [i.topik] } : {}),
    akses: 'terbuka',
    lisensi: 'CC-BY-4.0',
    sumber: opd?.nama ?? '',
    standar: i.id,
  };
}

/** The metadata record from the answers (answers win over defaults). */
export function buildMetadata(std: Standard, a: InitAnswers): Metadata {
  const d = defaultsFrom(std, a);
  const opd = a.opd ? opdEntry(a.opd) ?? { kode: a.opd } : { kode: '' };
  return {
    ...d,
    judul: a.judul ?? d.judul ?? '',
    produsen: opd.kode && 'nama' in opd ? { kode: opd.kode, nama: (opd as { nama: string }).nama } : { kode: opd.kode },
    cakupan: a.cakupan ?? '',
    periode_awal: a.periodeAwal ?? '',
    periode_akhir: a.periodeAkhir ?? '',
    akses: (a.akses ?? d.akses) as Metadata['akses'],
    lisensi: a.lisensi ?? d.lisensi ?? '',
    sumber: a.sumber || d.sumber || opd.kode,
    metode_perhitungan: a.metode ?? d.metode_perhitungan ?? '',
    ...(a.kontak ? { kontak: a.kontak } : {}),
  } as Metadata;
}
