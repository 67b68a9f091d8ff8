/**
 * Observed state from a CKAN portal through `package_search` only (the shared client in src/portal/ckan):
 * pages of 1,000 with the stable `sort=id asc`, organisation facets on the first page — 1,000 datasets cost
 * one request, never one request per dataset. A dataset's periods come from its resources' names and file
 * names (`data-2021.csv`, `2021-Q3`, `2022-03`) and, for datasets `satudata push` wrote, from the extras
 * `periode_awal`/`periode_akhir` (the push → report contract, src/portal/contract.ts, docs/portal.md);
 * resource `last_modified` dates the data, the package's `metadata_modified` its metadata — CKAN writes them in
 * UTC without a zone, read as UTC and shown as WITA dates; ckanext-validation `validation_status: failure`
 * counts as a validation error; a private or deleted dataset is never counted as published.
 * The resource URLs are kept for the optional link check.
 */
import { CkanError, packageSearch, type CkanPackage } from '../../portal/ckan/client.js';
import { maskUrlCredentials, type FetchLike } from '../../portal/http.js';
import type { Metadata } from '../../standards/metadata.js';
import type { ObservedDataset, ObservedState, PeriodObservation } from '../model.js';
import { periodsIn } from './periods-in.js';
import { SourceError } from './source-error.js';
import { DATA_RESOURCE, EXTRA_ERRORS, EXTRA_ITEM, EXTRA_VALID, EXTRA_VALIDATED_AT, periodsBetween, witaDate } from '../../portal/contract.js';

const PAGE = 1000;

export { periodsIn };

function metadataOf(p: CkanPackage): Partial<Metadata> {
  const x: Record<string, unknown> = {};
  for (const e of p.extras ?? []) x[e.key] = e.value;
  for (const [k, v] of Object.entries(p)) if (typeof v === 'string' && !(k in x)) x[k] = v; // ckanext-scheming: top-level keys
  const m: Record<string, unknown> = { ...x, judul: p.title ?? p.name, slug: p.name };
  if (typeof p.notes === 'string') m.deskripsi = p.notes;
  if (typeof p.license_id === 'string' && p.license_id) m.lisensi = p.license_id;
  if (typeof p.url === 'string' && p.url) m.tautan = p.url;
  if (typeof p.maintainer === 'string' && p.maintainer) m.walidata = p.maintainer;
  const email = p.maintainer_email ?? p.author_email;
  if (typeof email === 'string' && email) m.kontak = email;
  if (p.tags?.length) m.tags = p.tags.map((t) => t.name);
  if (Array.isArray(p.groups) && p.groups.length) m.topik = (p.groups as { name: string }[]).map((g) => g.name);
  m.produsen = { kode: String(x.produsen_kode ?? p.organization?.name ?? ''), ...(x.produsen_nama ? { nama: String(x.produsen_nama) } : {}) };
  if (x.accesslevel && !x.akses) m.akses = x.accesslevel;
  return m as Partial<Metadata>;
}

/** Whether the dataset is visible to the public: not private, state active (absent = active). */
function isPublic(p: CkanPackage): boolean {
  return p.private !== true && (p.state === undefined || p.state === 'active');
}

function datasetOf(p: CkanPackage): ObservedDataset {
  const periods: Record<string, PeriodObservation> = {};
  const links: { url: string; resource?: string }[] = [];
  const open = isPublic(p);
  const x = metadataOf(p) as Record<string, unknown>;
  let dataModified: string | undefined;
  for (const r of p.resources ?? []) {
    if (typeof r.url === 'string' && r.url.trim()) links.push({ url: r.url.trim(), ...(r.name ? { resource: String(r.name) } : {}) });
    const file = String(r.url ?? '').split(/[/?#]/).filter(Boolean).pop() ?? '';
    const when = witaDate(r.last_modified) ?? witaDate(r.created) ?? witaDate(p.metadata_modified);
    const failed = r.validation_status === 'failure';
    for (const key of periodsIn(`${r.name ?? ''} ${file}`)) {
      periods[key] = { ...(when ? { collected: when, validated: when } : {}), errors: failed ? 1 : 0, ...(when && !failed && open ? { published: when } : {}) };
    }
    if (when && (!dataModified || when > dataModified)) dataModified = when;
  }
  // a dataset satudata push wrote: periods from its extras, dates from its validation and its data resource
  if (typeof x.periode_awal === 'string' || typeof x.periode_akhir === 'string') {
    const data = (p.resources ?? []).find((r) => r.name === DATA_RESOURCE);
    const published = data ? witaDate(data.last_modified) ?? witaDate(data.created) : undefined;
    const validated = witaDate(x[EXTRA_VALIDATED_AT]) ?? published;
    const errors = x[EXTRA_VALID] === 'false' ? Math.max(1, Number(x[EXTRA_ERRORS]) || 1) : x[EXTRA_ERRORS] !== undefined ? Number(x[EXTRA_ERRORS]) || 0 : 0;
    const failed = data?.validation_status === 'failure';
    if (data) {
      for (const key of periodsBetween(x.periode_awal as string | undefined, x.periode_akhir as string | undefined)) {
        if (key === 'tanpa-periode') continue;
        periods[key] = {
          ...(validated ? { collected: validated, validated } : {}),
          errors: failed ? Math.max(errors, 1) : errors,
          ...(published && open && !failed ? { published } : {}),
        };
      }
    }
  }
  const extrasItem = (p.extras ?? []).find((e) => e.key === EXTRA_ITEM || e.key === 'id_daftar_data')?.value ?? (typeof p[EXTRA_ITEM] === 'string' ? p[EXTRA_ITEM] as string : undefined);
  const metadataModified = witaDate(p.metadata_modified);
  return {
    name: p.name, periods, ...(p.title ? { title: p.title } : {}), ...(extrasItem ? { item: extrasItem } : {}),
    ...(p.organization?.name ? { opd: p.organization.name } : {}), metadata: metadataOf(p),
    ...(dataModified ? { dataModified } : {}), ...(links.length ? { links } : {}),
    ...(metadataModified ? { metadataModified } : {}),
  };
}

export async function readCkan(base: string, opts: { token?: string; fetch?: FetchLike } = {}): Promise<ObservedState> {
  let requests = 0;
  const results: CkanPackage[] = [];
  let facets: Record<string, number> = {};
  let count = 0;
  try {
    for (let start = 0; ; start += PAGE) {
      requests++;
      const page = await packageSearch(base, {
        q: '*:*', rows: PAGE, start, sort: 'id asc', ...(opts.token ? { includePrivate: true } : {}),
        ...(start === 0 ? { facetFields: ['organization'], facetLimit: -1 } : {}),
      }, opts);
      if (start === 0) {
        count = page.count;
        facets = Object.fromEntries((page.facets.organization ?? []).map((f) => [f.name, f.count]));
      }
      results.push(...page.results);
      if (page.results.length < PAGE || results.length >= count) break;
    }
  } catch (err) {
    const reason = err instanceof CkanError ? `HTTP ${err.status} ${err.ckanType}` : err instanceof Error ? err.message : String(err);
    throw new SourceError('audit-source-error', { source: maskUrlCredentials(base), reason: maskUrlCredentials(reason) });
  }
  return { source: 'ckan', location: base, datasets: results.map(datasetOf), datasetCount: count, requests, facets };
}
