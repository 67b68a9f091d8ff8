/**
 * The canonical dataset metadata (domain brief §2): one record per dataset, validated against
 * standards/meta/metadata.schema.json. Package, push, audit and init all read and write this shape.
 */
export type Frekuensi = 'tahunan' | 'semesteran' | 'triwulanan' | 'bulanan' | 'mingguan' | 'harian' | 'tidak_tetap';
export type TingkatPenyajian = 'provinsi' | 'kabupaten_kota' | 'kecamatan' | 'desa_kelurahan';
export type Akses = 'terbuka' | 'terbatas' | 'tertutup';

export interface Metadata {
  judul: string;
  slug?: string;
  deskripsi?: string;
  produsen: { kode: string; nama?: string };
  walidata?: string;
  kontak?: string;
  konsep: string;
  definisi: string;
  klasifikasi?: string;
  metode_perhitungan: string;
  ukuran: string;
  satuan: string;
  tingkat_penyajian: TingkatPenyajian;
  /** Kemendagri code of the producer's area, e.g. "52" (province) or "52.01" (Kab. Lombok Barat). */
  cakupan: string;
  frekuensi: Frekuensi;
  /** ISO period: YYYY, YYYY-MM, YYYY-Qn or YYYY-Sn. */
  periode_awal: string;
  periode_akhir: string;
  kode_urusan?: string;
  kode_indikator?: string;
  lisensi: string;
  topik?: string[];
  tags?: string[];
  sumber: string;
  tautan?: string;
  akses: Akses;
  data_prioritas?: number;
  /** Id of the data standard the dataset follows. */
  standar?: string;
  [key: string]: unknown;
}

/** Indonesian labels of the keys (the Metadata sheet and the manual package use them). */
export const METADATA_LABELS: Record<string, { id: string; en: string }> = {
  judul: { id: 'Judul', en: 'Title' },
  slug: { id: 'Slug', en: 'Slug' },
  deskripsi: { id: 'Deskripsi', en: 'Description' },
  produsen: { id: 'Produsen Data', en: 'Data producer' },
  walidata: { id: 'Walidata', en: 'Data custodian' },
  kontak: { id: 'Kontak', en: 'Contact' },
  konsep: { id: 'Konsep', en: 'Concept' },
  definisi: { id: 'Definisi', en: 'Definition' },
  klasifikasi: { id: 'Klasifikasi', en: 'Classification' },
  metode_perhitungan: { id: 'Metode Perhitungan', en: 'Calculation method' },
  ukuran: { id: 'Ukuran', en: 'Measure' },
  satuan: { id: 'Satuan', en: 'Unit' },
  tingkat_penyajian: { id: 'Tingkat Penyajian', en: 'Presentation level' },
  cakupan: { id: 'Cakupan Wilayah', en: 'Coverage' },
  frekuensi: { id: 'Frekuensi', en: 'Frequency' },
  periode_awal: { id: 'Periode Awal', en: 'First period' },
  periode_akhir: { id: 'Periode Akhir', en: 'Last period' },
  kode_urusan: { id: 'Kode Urusan', en: 'Government affair code' },
  kode_indikator: { id: 'Kode Indikator', en: 'Indicator code' },
  lisensi: { id: 'Lisensi', en: 'Licence' },
  topik: { id: 'Topik', en: 'Topic' },
  tags: { id: 'Tag', en: 'Tags' },
  sumber: { id: 'Sumber', en: 'Source' },
  tautan: { id: 'Tautan', en: 'Link' },
  akses: { id: 'Akses', en: 'Access' },
  data_prioritas: { id: 'Data Prioritas (tahun)', en: 'Priority data (year)' },
  standar: { id: 'Standar Data', en: 'Data standard' },
};
