/** Frequencies with their default release lag and graces, read from standards/codes/frekuensi.csv. */
import { codeList, type CodeList } from '../standards/code-lists.js';
import type { Frekuensi } from '../standards/metadata.js';

export const FREQUENCIES: Frekuensi[] = ['tahunan', 'semesteran', 'triwulanan', 'bulanan', 'mingguan', 'harian', 'tidak_tetap'];

export interface FrequencyPolicy {
  kode: Frekuensi;
  label: { id: string; en: string };
  /** Days after the period end the data is due (release lag). */
  lag: number;
  /** Days after the due date an unpublished period becomes overdue; null: never (tidak_tetap). */
  overdue: number | null;
  /** Days after the due date it becomes delinquent; null: never. */
  delinquent: number | null;
}

export type Policies = Record<Frekuensi, FrequencyPolicy>;

let cached: { source: CodeList | undefined; policies: Policies } | null = null;

export function defaultPolicies(): Policies {
  const source = codeList('frekuensi');
  if (cached && cached.source === source) return cached.policies;
  const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));
  const policies = {} as Policies;
  for (const e of source?.entries ?? []) {
    const kode = e.kode as Frekuensi;
    policies[kode] = {
      kode,
      label: { id: e.label_id ?? kode, en: e.label_en ?? kode },
      lag: num(e.jeda_rilis_hari) ?? 0,
      overdue: num(e.tenggang_terlambat_hari),
      delinquent: num(e.tenggang_sangat_terlambat_hari),
    };
  }
  cached = { source, policies };
  return policies;
}

/** Applies `--grace bulanan=30:14:30,tahunan=120` style overrides (lag[:overdue[:delinquent]]). Returns an error text or null. */
export function applyOverrides(base: Policies, spec: string | undefined): { policies: Policies; error?: string } {
  const policies = structuredClone(base);
  if (!spec) return { policies };
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([a-z_]+)=(\d+)(?::(\d+))?(?::(\d+))?$/.exec(part);
    if (!m || !(m[1]! in policies)) return { policies, error: part };
    const p = policies[m[1] as Frekuensi];
    p.lag = Number(m[2]);
    if (m[3] !== undefined) p.overdue = Number(m[3]);
    if (m[4] !== undefined) p.delinquent = Number(m[4]);
  }
  return { policies };
}
