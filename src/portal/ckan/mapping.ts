/**
 * Canonical Satu Data metadata → a CKAN dataset dict (domain brief §2): core fields, plus the other keys
 * as `extras` (string values) or, on a portal running ckanext-scheming, as top-level keys. And the diff
 * that turns a remote dataset into the smallest `package_patch`: changed keys only; for the nested lists
 * that patch replaces wholesale (extras, tags) the remote items we do not manage are kept.
 */
import type { LoadedPackage } from '../../package/load.js';

export interface MappingOptions {
  organization: string;
  scheming: boolean;
  /** Override of `private` (default: akses other than "terbuka" is private). */
  private?: boolean;
  /** The portal's licence id for the metadata's `lisensi` (src/portal/ckan/license.ts). */
  licenseId?: string;
}

/** Keys that go to extras (or top-level with scheming), in this order. */
export const EXTRA_KEYS = [
  'produsen_kode', 'produsen_nama', 'konsep', 'definisi', 'klasifikasi', 'metode_perhitungan', 'ukuran', 'satuan',
  'tingkat_penyajian', 'cakupan', 'frekuensi', 'periode_awal', 'periode_akhir', 'kode_urusan', 'kode_indikator',
  'sumber', 'accesslevel', 'prioritas_tahun', 'standar', 'standar_versi', 'satudata_valid',
  'satudata_item', 'satudata_validated_at', 'satudata_errors',
] as const;

const str = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : Array.isArray(v) ? v.join(', ') : String(v));

/** The dataset dict we want on the portal (without resources). */
export function datasetDict(pkg: LoadedPackage, o: MappingOptions): Record<string, unknown> {
  const m = pkg.metadata ?? {};
  const p = pkg.provenance;
  const custom: Record<string, string | undefined> = {
    produsen_kode: str(m.produsen?.kode),
    produsen_nama: str(m.produsen?.nama),
    konsep: str(m.konsep),
    definisi: str(m.definisi),
    klasifikasi: str(m.klasifikasi),
    metode_perhitungan: str(m.metode_perhitungan),
    ukuran: str(m.ukuran),
    satuan: str(m.satuan),
    tingkat_penyajian: str(m.tingkat_penyajian),
    cakupan: str(m.cakupan),
    frekuensi: str(m.frekuensi),
    periode_awal: str(m.periode_awal),
    periode_akhir: str(m.periode_akhir),
    kode_urusan: str(m.kode_urusan),
    kode_indikator: str(m.kode_indikator),
    sumber: str(m.sumber),
    accesslevel: str(m.akses),
    prioritas_tahun: str(m.data_prioritas),
    standar: str(m.standar ?? p?.standard.id),
    standar_versi: str(p?.standard.version),
    satudata_valid: p ? String(p.valid) : undefined,
    satudata_item: str(m.item ?? m.id_daftar_data),
    satudata_validated_at: str(p?.validated_at),
    satudata_errors: p ? String(p.report.errors) : undefined,
  };
  const dict: Record<string, unknown> = {
    name: pkg.name,
    title: m.judul ?? pkg.title,
    owner_org: o.organization,
    private: o.private ?? (m.akses !== undefined && m.akses !== 'terbuka'),
  };
  const core: [string, string | undefined][] = [
    ['notes', str(m.deskripsi)],
    ['author', str(m.produsen?.nama)],
    ['maintainer', str(m.walidata)],
    ['maintainer_email', str(m.kontak)],
    ['license_id', o.licenseId ?? str(m.lisensi)],
    ['url', str(m.tautan)],
    ['version', str(p?.standard.version)],
  ];
  for (const [k, v] of core) if (v !== undefined) dict[k] = v;
  const tags = [...new Set([...(m.topik ?? []), ...(m.tags ?? [])].map(tagName).filter((t) => t.length >= 2))].sort();
  if (tags.length) dict.tags = tags.map((name) => ({ name }));
  if (o.scheming) {
    for (const k of EXTRA_KEYS) if (custom[k] !== undefined) dict[k] = custom[k];
  } else {
    const extras = EXTRA_KEYS.filter((k) => custom[k] !== undefined).map((k) => ({ key: k, value: custom[k]! }));
    if (extras.length) dict.extras = extras;
  }
  return dict;
}

/** CKAN tag names allow letters, digits, space and `-_.`. */
function tagName(t: string): string {
  return t.replace(/[^\p{L}\p{N} ._-]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 100);
}

function orgMatches(remote: Record<string, unknown>, org: string): boolean {
  const o = remote.organization as { id?: string; name?: string } | null | undefined;
  return remote.owner_org === org || o?.name === org || o?.id === org;
}

/** True when the remote dataset belongs to another organisation than ours. */
export function ownedElsewhere(remote: Record<string, unknown>, org: string): boolean {
  return !orgMatches(remote, org);
}

/**
 * The keys to send in `package_patch` (empty when nothing changed). Never includes `resources`;
 * `extras` and `tags` are merged with what the remote has, since patch replaces those lists.
 */
export function patchFor(remote: Record<string, unknown>, want: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(want)) {
    if (k === 'name') continue;
    if (k === 'owner_org') {
      if (!orgMatches(remote, String(v))) patch.owner_org = v;
    } else if (k === 'extras') {
      const remoteExtras = (remote.extras as { key: string; value: string }[] | undefined) ?? [];
      const have = new Map(remoteExtras.map((e) => [e.key, e.value]));
      const ours = v as { key: string; value: string }[];
      if (ours.some((e) => have.get(e.key) !== e.value)) {
        const mine = new Set(ours.map((e) => e.key));
        patch.extras = [...remoteExtras.filter((e) => !mine.has(e.key)), ...ours];
      }
    } else if (k === 'tags') {
      const have = new Set(((remote.tags as { name: string }[] | undefined) ?? []).map((t) => t.name));
      const ours = (v as { name: string }[]).map((t) => t.name);
      if (ours.some((t) => !have.has(t))) patch.tags = [...new Set([...have, ...ours])].sort().map((name) => ({ name }));
    } else if (typeof v === 'boolean') {
      if (Boolean(remote[k]) !== v) patch[k] = v;
    } else if (String(remote[k] ?? '') !== String(v ?? '')) {
      patch[k] = v;
    }
  }
  return patch;
}

/** Required scheming fields the dict does not fill. */
export function missingRequired(dict: Record<string, unknown>, fields: { field_name: string; required?: boolean }[]): string[] {
  const skip = new Set(['name', 'owner_org', 'resources', 'resource_fields']);
  return fields.filter((f) => f.required && !skip.has(f.field_name) && (dict[f.field_name] === undefined || dict[f.field_name] === '')).map((f) => f.field_name);
}
