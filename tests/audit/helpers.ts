/** Shared helpers for the audit tests: a registry item, an observed dataset, the fixture report. */
import { computeAudit } from '../../src/audit/compute.js';
import { parseDay } from '../../src/audit/dates.js';
import type { AuditReport, ObservedDataset, RegistryItem } from '../../src/audit/model.js';
import { defaultPolicies } from '../../src/audit/policy.js';
import { DEFAULT_RANKING } from '../../src/audit/ranking.js';
import { readRegistry } from '../../src/audit/registry.js';
import { readLedger } from '../../src/audit/sources/ledger.js';

export const REGISTRY = 'fixtures/audit/daftar-data-2021.csv';
export const LEDGER_W14 = 'fixtures/audit/ledger-2022-W14.json';
export const LEDGER_W15 = 'fixtures/audit/ledger-2022-W15.json';

export function item(over: Partial<RegistryItem> = {}): RegistryItem {
  return { id: 'DD-1', judul: 'Jumlah Sekolah', opd: '1.01.0.00.0.00.01.0000', frekuensi: 'tahunan', prioritas: false, periodeAwal: '2019', row: 2, ...over };
}

export function dataset(periods: ObservedDataset['periods'] = {}, over: Partial<ObservedDataset> = {}): ObservedDataset {
  return { name: 'dikbud-jumlah-sekolah', item: 'DD-1', periods, ...over };
}

/** The fixture registry and ledgers are read once per test file; each report gets its own copy. */
const readCache = new Map<string, Promise<unknown>>();
async function once<T>(key: string, read: () => Promise<T>): Promise<T> {
  if (!readCache.has(key)) readCache.set(key, read());
  return structuredClone(await (readCache.get(key) as Promise<T>));
}

export async function fixtureReport(ledger = LEDGER_W14, asOf = '2022-04-04', opd?: string): Promise<AuditReport> {
  const reg = await once(`registry:${REGISTRY}`, () => readRegistry(REGISTRY));
  const observed = await once(`ledger:${ledger}`, () => readLedger(ledger));
  return computeAudit({
    registry: { path: REGISTRY, sha256: reg.sha256, items: reg.items }, observed, asOf: parseDay(asOf)!,
    policies: defaultPolicies(), ranking: DEFAULT_RANKING, lang: 'id', ...(opd ? { opd } : {}), now: new Date('2022-04-04T01:00:00Z'),
  });
}
