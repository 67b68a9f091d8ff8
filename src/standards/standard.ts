/**
 * A data standard: a Table Schema v2 plus the Satu Data fields (konsep, definisi, klasifikasi, ukuran,
 * satuan, tingkat penyajian, frekuensi, kode urusan, version) under the namespaced `satudata` property.
 * The catalog of standards lives in standards/ as data; see README "Standard format".
 */
import type { TableSchema } from './schema.js';
import type { Frekuensi, TingkatPenyajian } from './metadata.js';

export interface StandardInfo {
  id: string;
  versi: string;
  judul: string;
  konsep: string;
  definisi: string;
  klasifikasi?: string;
  ukuran: string;
  satuan: string;
  tingkat_penyajian: TingkatPenyajian;
  frekuensi: Frekuensi;
  kode_urusan?: string;
  topik?: string;
  /** Where the standard's definitions come from (regulation, BPS SDS code, OPD publication). */
  rujukan?: string;
  [key: string]: unknown;
}

export interface Standard {
  info: StandardInfo;
  schema: TableSchema;
  /** File it was loaded from. */
  path?: string;
}
