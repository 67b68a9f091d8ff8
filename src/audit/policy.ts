/** Frequencies with their default release lag and graces, read from standards/codes/frekuensi.csv. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Frekuensi } from '../standards/metadata.js';
import { parseCsvLine } from './csv-line.js';

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

let cached: Policies | null = null;

export function defaultPolicies(): Policies {
  if (cached) return cached;
  const path = fileURLToPath(new URL('../../standards/codes/frekuensi.csv', import.meta.url));
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const out = {} as Policies;
  for (const line of lines.slice(1)) {
    const [kode, id, en, lag, overdue, delinquent] = parseCsvLine(line);
    const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));
    out[kode as Frekuensi] = { kode: kode as Frekuensi, label: { id: id!, en: en! }, lag: num(lag) ?? 0, overdue: num(overdue), delinquent: num(delinquent) };
  }
  cached = out;
  return out;
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
