/**
 * Observed state from a ledger `satudata-ledger/1` (README; written by `satudata package/push`,
 * src/portal/ledger.ts): `datasets[]` (name, item, title, opd, metadata, metadata_modified; push adds
 * resources, pushed_at, outcome) and `entries[]` per dataset and period (collected_at, validated_at, errors,
 * packaged_at, pushed_at, sha256). A pushed entry counts as published. A dataset without period entries takes
 * its periods from its resource names (`data-2021.csv`): outcome pushed/unchanged counts as published,
 * packaged (a manual ZIP not confirmed), partial or failed as collected and validated, not published.
 * The earlier push-ledger shape `{portal, datasets: {name: {resources, pushed_at, outcome}}}` is read the same way.
 * Data changes (entries/resources) are dated apart from metadata edits (metadata_modified).
 */
import { readFile } from 'node:fs/promises';
import type { ObservedDataset, ObservedState } from '../model.js';
import { periodsIn } from './periods-in.js';
import { fsReason } from '../../io/fs-reason.js';
import { witaDate } from '../../portal/contract.js';
import { SourceError } from './source-error.js';

export { SourceError };

interface AuditEntry {
  name: string; item?: string; period: string;
  collected_at?: string; validated_at?: string; errors?: number; packaged_at?: string; pushed_at?: string; sha256?: string;
}
interface AuditDataset extends Omit<PushEntry, 'name'> { name: string; item?: string; title?: string; opd?: string; metadata?: Record<string, unknown>; metadata_modified?: string }
interface PushEntry { name: string; resources?: Record<string, { name?: string; sha256?: string; pushed_at?: string }>; pushed_at?: string; outcome?: string }

/** The WITA date of a ledger timestamp (push writes UTC instants with `Z`). */
const day = (s: string | undefined) => (s ? witaDate(s) ?? s.slice(0, 10) : undefined);

export async function readLedger(path: string): Promise<ObservedState> {
  let json: { schema?: string; portal?: string; datasets?: unknown; entries?: unknown };
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new SourceError('audit-source-error', { source: path, reason: err instanceof SyntaxError ? '@reason.bad-json' : fsReason(err) });
  }
  if (json && typeof json === 'object' && json.datasets && typeof json.datasets === 'object' && !Array.isArray(json.datasets) && json.entries === undefined) {
    return fromPushLedger(path, json as { portal?: string; datasets: Record<string, PushEntry> });
  }
  if (!json || typeof json !== 'object' || !String(json.schema ?? '').startsWith('satudata-ledger/') || !Array.isArray(json.entries)) {
    throw new SourceError('audit-source-error', { source: path, reason: '@reason.not-ledger' });
  }
  const byName = new Map<string, ObservedDataset>();
  const pushed = new Map<string, PushEntry>();
  for (const d of (Array.isArray(json.datasets) ? json.datasets : []) as AuditDataset[]) {
    if (!d || typeof d.name !== 'string') continue;
    if (d.resources && typeof d.resources === 'object') pushed.set(d.name, d as PushEntry);
    byName.set(d.name, {
      name: d.name, periods: {},
      ...(d.item ? { item: d.item } : {}), ...(d.title ? { title: d.title } : {}), ...(d.opd ? { opd: d.opd } : {}),
      ...(d.metadata ? { metadata: d.metadata } : {}), ...(d.metadata_modified ? { metadataModified: day(d.metadata_modified)! } : {}),
    });
  }
  for (const e of json.entries as AuditEntry[]) {
    if (!e || typeof e.name !== 'string' || typeof e.period !== 'string') continue;
    let d = byName.get(e.name);
    if (!d) { d = { name: e.name, periods: {}, ...(e.item ? { item: e.item } : {}) }; byName.set(e.name, d); }
    const collected = day(e.collected_at ?? e.packaged_at ?? e.pushed_at);
    d.periods[e.period.toUpperCase()] = {
      ...(collected ? { collected } : {}),
      ...(e.validated_at ? { validated: day(e.validated_at)! } : {}),
      ...(typeof e.errors === 'number' ? { errors: e.errors } : {}),
      ...(e.pushed_at ? { published: day(e.pushed_at)! } : {}),
    };
    if (collected && (!d.dataModified || collected > d.dataModified)) d.dataModified = collected;
  }
  // datasets push recorded without period entries: periods from their resource names
  for (const [name, e] of pushed) {
    const d = byName.get(name)!;
    if (Object.keys(d.periods).length === 0) addResources(d, e);
  }
  const datasets = [...byName.values()];
  return { source: 'ledger', location: json.portal ?? path, datasets, datasetCount: datasets.length };
}

function addResources(d: ObservedDataset, e: PushEntry): void {
  // partial: created private and not filled yet (push publishes last); packaged: a manual ZIP not confirmed yet
  const published = e.outcome === 'pushed' || e.outcome === 'unchanged';
  for (const [file, r] of Object.entries(e.resources ?? {})) {
    const when = day(r?.pushed_at ?? e.pushed_at);
    if (!when) continue;
    for (const period of periodsIn(r?.name ?? file)) {
      d.periods[period] = { collected: when, validated: when, errors: 0, ...(published ? { published: when } : {}) };
    }
    if (!d.dataModified || when > d.dataModified) d.dataModified = when;
  }
}

function fromPushLedger(path: string, json: { portal?: string; datasets: Record<string, PushEntry> }): ObservedState {
  const datasets: ObservedDataset[] = [];
  for (const [key, e] of Object.entries(json.datasets)) {
    if (!e || typeof e !== 'object') continue;
    const d: ObservedDataset = { name: typeof e.name === 'string' ? e.name : key, periods: {} };
    addResources(d, e);
    datasets.push(d);
  }
  return { source: 'ledger', location: json.portal ?? path, datasets, datasetCount: datasets.length };
}
