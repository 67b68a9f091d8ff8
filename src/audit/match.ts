/**
 * Matches registry items to observed datasets: by registry id, then the registry's portal dataset name, then
 * the deterministic name `satudata package/push` gives (`{kode_opd}-{standar | judul}`), then the slugified title.
 */
import { packageName } from '../package/names.js';
import type { ObservedDataset, RegistryItem } from './model.js';

export function slugify(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export function matchDatasets(items: RegistryItem[], datasets: ObservedDataset[]): Map<string, ObservedDataset> {
  const byItem = new Map<string, ObservedDataset>();
  const byName = new Map<string, ObservedDataset>();
  const byTitle = new Map<string, ObservedDataset>();
  for (const d of datasets) {
    if (d.item) byItem.set(d.item, d);
    byName.set(d.name, d);
    if (d.title) byTitle.set(slugify(d.title), d);
  }
  const out = new Map<string, ObservedDataset>();
  for (const it of items) {
    const d = byItem.get(it.id) ?? (it.dataset ? byName.get(it.dataset) : undefined)
      ?? (it.standar ? byName.get(packageName({ opd: it.opd, standardId: it.standar, file: it.id })) : undefined)
      ?? byName.get(packageName({ opd: it.opd, title: it.judul, file: it.id }))
      ?? byTitle.get(slugify(it.judul));
    if (d) out.set(it.id, d);
  }
  return out;
}
