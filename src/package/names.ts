/**
 * Safe names: the package (and CKAN dataset) name — what identifies a dataset (docs/portal.md "Package identity"):
 * `{produsen}-{kode_indikator | standard id | slug(judul)}[-{cakupan}][-{periode}]`, the cakupan (Kemendagri code
 * without dots) only when it is not the producer's whole jurisdiction, the period only when the standard says
 * one dataset per period (`dataset_per_periode: true`); an explicit metadata `slug` wins. Lowercase
 * `[a-z0-9_-]`, ≤ 100 characters; file names inside a package never contain `..`, a slash or an absolute path.
 */
import { basename } from 'node:path';
import { codeList } from '../standards/code-lists.js';
import { findByName } from '../standards/regions.js';

/** Kemendagri code of the province whose OPD list is bundled (standards/codes/opd-ntb.csv). */
export const PROVINCE_CODE = '52';

/**
 * The Kemendagri code of the area a producer answers for, when it can be known: a provincial OPD (by code or
 * abbreviation in the bundled OPD list) covers the province; otherwise the region its name ends with
 * ("… Kabupaten Lombok Barat" → 52.01, "… Kota Mataram" → 52.71, "… Provinsi Nusa Tenggara Barat" → 52),
 * looked up in the bundled Kemendagri list (within `province` when given). Undefined when unknown.
 */
export function producerJurisdiction(opd: string | undefined, nama?: string, province?: string): string | undefined {
  if (opd) {
    const key = opd.trim().toUpperCase();
    const hit = codeList('opd-ntb')?.entries.some((e) => e.kode === opd.trim() || (typeof e.singkatan === 'string' && e.singkatan.toUpperCase() === key));
    if (hit) return PROVINCE_CODE;
  }
  if (!nama) return undefined;
  const kab = /\b(kabupaten|kab\.?|kota)\s+([^,;()]+?)\s*$/i.exec(nama);
  if (kab) {
    const prefix = kab[1]!.toLowerCase().startsWith('kota') ? 'Kota' : 'Kabupaten';
    const found = findByName(`${prefix} ${kab[2]}`, 'kabupaten_kota', province);
    if (found.length === 1) return found[0]!.code;
  }
  const prov = /\bprovinsi\s+([^,;()]+?)\s*$/i.exec(nama);
  if (prov) {
    const found = findByName(prov[1]!, 'provinsi');
    if (found.length === 1) return found[0]!.code;
  }
  return undefined;
}

/** `Dinas Kependudukan 2024!` → `dinas-kependudukan-2024`. */
export function slugify(text: string, max = 100): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
  return s.slice(0, max).replace(/[-_]+$/, '');
}

export interface NameParts {
  slug?: string;
  opd?: string;
  /** Producer's name (its jurisdiction is read from it: "… Kabupaten Lombok Barat"). */
  opdName?: string;
  indicator?: string;
  standardId?: string;
  title?: string;
  /** Metadata cakupan (`52.01`): in the name unless it is the producer's whole jurisdiction. */
  cakupan?: string;
  /** The period, named only when the standard makes one dataset per period. */
  period?: string;
  file: string;
}

/** The deterministic dataset name (at least 2 characters). */
export function packageName(p: NameParts): string {
  if (p.slug) {
    const s = slugify(p.slug);
    if (s.length >= 2) return s;
  }
  const stem = basename(p.file).replace(/\.[^.]+$/, '');
  const subject = p.indicator || p.standardId || p.title || stem;
  const cakupan = p.cakupan?.trim();
  const area = cakupan && cakupan !== producerJurisdiction(p.opd, p.opdName, cakupan.slice(0, 2)) ? cakupan.replace(/\./g, '') : undefined;
  const parts = [p.opd, subject, area, p.period].filter((x): x is string => !!x && x.trim() !== '');
  const name = slugify(parts.join('-'));
  return name.length >= 2 ? name : `data-${slugify(stem) || 'x'}`.slice(0, 100);
}

/** A file name safe inside a package: the base name only, no control characters, no leading dots. */
export function safeFileName(name: string): string {
  const base = basename(name.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
    .replace(/^\.+/, '');
  return base === '' ? 'file' : base.slice(0, 150);
}

/** True when a relative path is safe to join under a folder (no `..`, not absolute, no backslash). */
export function isSafeRelative(path: string): boolean {
  if (path === '' || path.startsWith('/') || /^[a-zA-Z]:/.test(path) || path.includes('\\')) return false;
  return path.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}
