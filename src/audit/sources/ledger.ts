/**
 * Observed state from the ledger `satudata package/push` keep (`satudata-ledger/1`, see README):
 * `datasets[]` (name, item, title, opd, metadata, metadata_modified) and `entries[]` per dataset and period
 * (collected_at, validated_at, errors, packaged_at, pushed_at, sha256). A pushed entry counts as published;
 * the last change of sha256 dates the data, metadata_modified dates metadata edits.
 */
import { readFile } from 'node:fs/promises';
import type { ObservedDataset, ObservedState } from '../model.js';

interface LedgerEntry {
  name: string; item?: string; period: string;
  collected_at?: string; validated_at?: string; errors?: number; packaged_at?: string; pushed_at?: string; sha256?: string;
}
interface LedgerDataset { name: string; item?: string; title?: string; opd?: string; metadata?: Record<string, unknown>; metadata_modified?: string }

export class SourceError extends Error {
  constructor(readonly code: string, readonly params: Record<string, string | number>) { super(code); }
}

export async function readLedger(path: string): Promise<ObservedState> {
  let json: { schema?: string; portal?: string; datasets?: LedgerDataset[]; entries?: LedgerEntry[] };
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new SourceError('audit-source-error', { source: path, reason: err instanceof SyntaxError ? 'JSON' : (err as NodeJS.ErrnoException).code ?? String(err) });
  }
  if (!json || typeof json !== 'object' || !String(json.schema ?? '').startsWith('satudata-ledger/') || !Array.isArray(json.entries)) {
    throw new SourceError('audit-source-error', { source: path, reason: 'schema satudata-ledger/1' });
  }
  const byName = new Map<string, ObservedDataset>();
  for (const d of json.datasets ?? []) {
    byName.set(d.name, {
      name: d.name, periods: {},
      ...(d.item ? { item: d.item } : {}), ...(d.title ? { title: d.title } : {}), ...(d.opd ? { opd: d.opd } : {}),
      ...(d.metadata ? { metadata: d.metadata } : {}), ...(d.metadata_modified ? { metadataModified: d.metadata_modified.slice(0, 10) } : {}),
    });
  }
  for (const e of json.entries) {
    if (!e || typeof e.name !== 'string' || typeof e.period !== 'string') continue;
    let d = byName.get(e.name);
    if (!d) { d = { name: e.name, periods: {}, ...(e.item ? { item: e.item } : {}) }; byName.set(e.name, d); }
    const collected = (e.collected_at ?? e.packaged_at ?? e.pushed_at)?.slice(0, 10);
    d.periods[e.period] = {
      ...(collected ? { collected } : {}),
      ...(e.validated_at ? { validated: e.validated_at.slice(0, 10) } : {}),
      ...(typeof e.errors === 'number' ? { errors: e.errors } : {}),
      ...(e.pushed_at ? { published: e.pushed_at.slice(0, 10) } : {}),
    };
    if (collected && (!d.dataModified || collected > d.dataModified)) d.dataModified = collected;
  }
  const datasets = [...byName.values()];
  return { source: 'ledger', location: json.portal ?? path, datasets, datasetCount: datasets.length };
}
