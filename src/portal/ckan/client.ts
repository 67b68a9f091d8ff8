/**
 * CKAN Action API client (2.9–2.11): one function per action, JSON envelopes unwrapped, errors typed.
 * Behaviour followed (observed on CKAN 2.10): the token goes in `Authorization: <token>` (no `Bearer`);
 * an invalid token is treated as anonymous; errors come as `{success:false, error:{__type, message|fields}}`
 * with 403 (authorization), 404 (not found), 409 (validation, field-keyed); an unknown action answers 400
 * with a bare JSON string. Read functions here are shared with the weekly audit (packageSearch).
 */
import { BodyTooLargeError, fetchRetry, readBodyLimited, redact, safeUrl, type BodyLimits, type FetchLike, type RetryOptions } from '../http.js';
import { decodeLicenses, decodeOrganizations, decodePackage, decodeResource, decodeScheming, decodeSearch, decodeStatus, ShapeError } from './decode.js';

export interface CkanOptions {
  token?: string;
  fetch?: FetchLike;
  retry?: Omit<RetryOptions, 'fetch'>;
  /** Byte and time limits of every answer body (default 64 MB / 60 s; docs/portal.md "Limits"). */
  limits?: BodyLimits;
}

/** A CKAN answer that is not a success: HTTP status, CKAN error type, message and field errors. */
export class CkanError extends Error {
  constructor(
    readonly action: string,
    readonly status: number,
    readonly ckanType: string,
    readonly detail: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(`${action}: HTTP ${status} ${ckanType}${detail ? `: ${detail}` : ''}`);
    this.name = 'CkanError';
  }
}

export interface CkanResource {
  id: string;
  package_id?: string;
  name?: string;
  url?: string;
  format?: string;
  hash?: string;
  size?: number | null;
  [key: string]: unknown;
}

export interface CkanPackage {
  id: string;
  name: string;
  title?: string;
  owner_org?: string;
  organization?: { id: string; name: string } | null;
  resources?: CkanResource[];
  extras?: { key: string; value: string }[];
  tags?: { name: string }[];
  [key: string]: unknown;
}

export interface StatusShow {
  ckan_version: string;
  site_title?: string;
  site_url?: string;
  extensions?: string[];
  locale_default?: string;
  [key: string]: unknown;
}

export interface Organization {
  id: string;
  name: string;
  title?: string;
  capacity?: string;
  [key: string]: unknown;
}

export interface SearchParams {
  q?: string;
  fq?: string;
  rows?: number;
  start?: number;
  sort?: string;
  facetFields?: string[];
  facetLimit?: number;
  includePrivate?: boolean;
}

export interface FacetItem {
  name: string;
  display_name?: string;
  count: number;
}

export interface SearchResult {
  count: number;
  results: CkanPackage[];
  /** Facet items per field, e.g. `facets.organization = [{name, count}]`. */
  facets: Record<string, FacetItem[]>;
}

function actionUrl(base: string, action: string): string {
  return `${base.replace(/\/+$/, '')}/api/3/action/${action}`;
}

function headers(opts: CkanOptions, json: boolean): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json', 'user-agent': 'satudata' };
  if (json) h['content-type'] = 'application/json';
  if (opts.token) h.authorization = opts.token; // CKAN: the bare token, no "Bearer"
  return h;
}

/** Calls an action: GET with query parameters, POST with a JSON body, or POST multipart (FormData). */
export async function ckanAction<T>(
  base: string,
  action: string,
  body: Record<string, unknown> | FormData | null,
  opts: CkanOptions = {},
  method: 'GET' | 'POST' = body === null ? 'GET' : 'POST',
): Promise<T> {
  let url = actionUrl(base, action);
  let init: () => RequestInit;
  if (method === 'GET') {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries((body as Record<string, unknown> | null) ?? {})) {
      if (v !== undefined) qs.set(k, typeof v === 'string' ? v : JSON.stringify(v));
    }
    if ([...qs.keys()].length) url += `?${qs}`;
    init = () => ({ method: 'GET', headers: headers(opts, false) });
  } else if (body instanceof FormData) {
    init = () => ({ method: 'POST', headers: headers(opts, false), body });
  } else {
    const text = JSON.stringify(body ?? {});
    init = () => ({ method: 'POST', headers: headers(opts, true), body: text });
  }
  // an upload may take minutes on a slow office line; an API answer should come within 30 s
  const timeoutMs = body instanceof FormData ? 10 * 60_000 : 30_000;
  const res = await fetchRetry(url, init, { timeoutMs, ...opts.retry, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
  let text: string;
  try {
    text = await readBodyLimited(res, url, opts.limits);
  } catch (err) {
    if (err instanceof BodyTooLargeError) err.action = action;
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CkanError(action, res.status, 'Not JSON', `${safeUrl(url)} did not answer JSON (is it a CKAN site?)`);
  }
  if (typeof json === 'string') {
    // unknown action (400) and some proxies answer a bare JSON string
    throw new CkanError(action, res.status, 'Bad Request', redact(json.slice(0, 200), [opts.token]));
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new CkanError(action, res.status, 'Not CKAN', `${safeUrl(url)} did not answer a CKAN envelope`);
  }
  const env = json as { success?: boolean; result?: unknown; error?: unknown };
  if (res.ok && env.success === true) return env.result as T;
  const error = (typeof env.error === 'object' && env.error !== null && !Array.isArray(env.error) ? env.error : {}) as Record<string, unknown>;
  const fields: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(error)) {
    if (k === '__type' || k === 'message') continue;
    fields[k] = Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))) : [typeof v === 'string' ? v : JSON.stringify(v)];
  }
  const message = typeof error.message === 'string' ? error.message : '';
  throw new CkanError(action, res.status, String(error.__type ?? (env.success === undefined ? 'Not CKAN' : 'Error')), redact(message.slice(0, 300), [opts.token]), fields);
}

export { ShapeError };

export async function statusShow(base: string, opts: CkanOptions = {}): Promise<StatusShow> {
  return decodeStatus(await ckanAction<unknown>(base, 'status_show', null, opts));
}

/** The portal's licence ids (`license_list`). */
export async function licenseList(base: string, opts: CkanOptions = {}): Promise<string[]> {
  return decodeLicenses(await ckanAction<unknown>(base, 'license_list', null, opts));
}

/** The package by name or id, or null when CKAN answers 404. */
export async function packageShow(base: string, id: string, opts: CkanOptions = {}): Promise<CkanPackage | null> {
  try {
    return decodePackage('package_show', await ckanAction<unknown>(base, 'package_show', { id }, opts, 'GET'));
  } catch (err) {
    if (err instanceof CkanError && err.status === 404) return null;
    throw err;
  }
}

export async function packageSearch(base: string, params: SearchParams, opts: CkanOptions = {}): Promise<SearchResult> {
  const q: Record<string, unknown> = {};
  if (params.q !== undefined) q.q = params.q;
  if (params.fq !== undefined) q.fq = params.fq;
  if (params.rows !== undefined) q.rows = String(params.rows);
  if (params.start !== undefined) q.start = String(params.start);
  if (params.sort !== undefined) q.sort = params.sort;
  if (params.facetFields) q['facet.field'] = JSON.stringify(params.facetFields);
  if (params.facetLimit !== undefined) q['facet.limit'] = String(params.facetLimit);
  if (params.includePrivate) q.include_private = 'true';
  const r = decodeSearch(await ckanAction<unknown>(base, 'package_search', q, opts, 'GET'));
  const facets: Record<string, FacetItem[]> = {};
  for (const [field, f] of Object.entries(r.search_facets ?? {})) facets[field] = (f.items ?? []).map((i) => ({ name: i.name, ...(i.display_name !== undefined ? { display_name: i.display_name } : {}), count: i.count }));
  return { count: r.count, results: r.results, facets };
}

export async function organizationListForUser(base: string, opts: CkanOptions = {}, permission = 'create_dataset'): Promise<Organization[]> {
  return decodeOrganizations(await ckanAction<unknown>(base, 'organization_list_for_user', { permission }, opts, 'GET'));
}

/** The live ckanext-scheming dataset schema, or null when the extension is not installed (unknown action). */
export async function schemingDatasetSchemaShow(base: string, opts: CkanOptions = {}, type = 'dataset'): Promise<{ dataset_fields: { field_name: string; required?: boolean; label?: unknown }[] } | null> {
  try {
    return decodeScheming(await ckanAction<unknown>(base, 'scheming_dataset_schema_show', { type }, opts, 'GET'));
  } catch (err) {
    if (err instanceof CkanError && (err.status === 400 || err.status === 404)) return null;
    throw err;
  }
}

export async function packageCreate(base: string, dict: Record<string, unknown>, opts: CkanOptions): Promise<CkanPackage> {
  return decodePackage('package_create', await ckanAction<unknown>(base, 'package_create', dict, opts));
}

export async function packagePatch(base: string, dict: Record<string, unknown> & { id: string }, opts: CkanOptions): Promise<CkanPackage> {
  return decodePackage('package_patch', await ckanAction<unknown>(base, 'package_patch', dict, opts));
}

/** Multipart resource upload: every form value is a flat string; the file goes in `upload`. */
export function resourceForm(fields: Record<string, string>, file: { name: string; bytes: Uint8Array; mimetype: string }): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('upload', new Blob([file.bytes], { type: file.mimetype }), file.name);
  return form;
}

export async function resourceCreate(base: string, form: FormData, opts: CkanOptions): Promise<CkanResource> {
  return decodeResource('resource_create', await ckanAction<unknown>(base, 'resource_create', form, opts));
}

export async function resourceUpdate(base: string, form: FormData, opts: CkanOptions): Promise<CkanResource> {
  return decodeResource('resource_update', await ckanAction<unknown>(base, 'resource_update', form, opts));
}
