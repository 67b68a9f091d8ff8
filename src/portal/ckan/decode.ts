/**
 * Typed decoders of CKAN answers, one per action: a `result` is checked before any code uses it, so a proxy
 * page, an old or a hostile server cannot make push or report crash (`orgs.find is not a function`). A
 * wrong shape is a ShapeError, turned into the coded `push-bad-answer` (or `push-not-ckan` for status_show).
 */
import type { CkanPackage, CkanResource, FacetItem, Organization, StatusShow } from './client.js';

export class ShapeError extends Error {
  constructor(
    readonly action: string,
    readonly detail: string,
  ) {
    super(`${action}: ${detail}`);
    this.name = 'ShapeError';
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function obj(action: string, v: unknown, what: string): Obj {
  if (!isObj(v)) throw new ShapeError(action, `${what} is not an object`);
  return v;
}

function arr(action: string, v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new ShapeError(action, `${what} is not a list`);
  return v;
}

function str(action: string, v: unknown, what: string): string {
  if (typeof v !== 'string') throw new ShapeError(action, `${what} is not text`);
  return v;
}

export function decodeStatus(v: unknown): StatusShow {
  const o = obj('status_show', v, 'result');
  str('status_show', o.ckan_version, 'ckan_version');
  return o as StatusShow;
}

export function decodeOrganizations(v: unknown): Organization[] {
  return arr('organization_list_for_user', v, 'result').map((x, i) => {
    const o = obj('organization_list_for_user', x, `result[${i}]`);
    str('organization_list_for_user', o.name, `result[${i}].name`);
    if (o.id !== undefined) str('organization_list_for_user', o.id, `result[${i}].id`);
    return o as Organization;
  });
}

export function decodeResource(action: string, v: unknown, what = 'result'): CkanResource {
  const o = obj(action, v, what);
  str(action, o.id, `${what}.id`);
  if (o.name !== undefined && o.name !== null) str(action, o.name, `${what}.name`);
  return o as CkanResource;
}

export function decodePackage(action: string, v: unknown, what = 'result'): CkanPackage {
  const o = obj(action, v, what);
  str(action, o.id, `${what}.id`);
  str(action, o.name, `${what}.name`);
  if (o.resources !== undefined) arr(action, o.resources, `${what}.resources`).forEach((r, i) => decodeResource(action, r, `${what}.resources[${i}]`));
  if (o.extras !== undefined) {
    o.extras = arr(action, o.extras, `${what}.extras`).map((e, i) => {
      const x = obj(action, e, `${what}.extras[${i}]`);
      return { key: str(action, x.key, `${what}.extras[${i}].key`), value: typeof x.value === 'string' ? x.value : JSON.stringify(x.value ?? '') };
    });
  }
  if (o.tags !== undefined) arr(action, o.tags, `${what}.tags`).forEach((t, i) => str(action, obj(action, t, `${what}.tags[${i}]`).name, `${what}.tags[${i}].name`));
  if (o.organization !== undefined && o.organization !== null) obj(action, o.organization, `${what}.organization`);
  return o as CkanPackage;
}

export function decodeSearch(v: unknown): { count: number; results: CkanPackage[]; search_facets?: Record<string, { items?: FacetItem[] }> } {
  const o = obj('package_search', v, 'result');
  if (typeof o.count !== 'number' || !Number.isFinite(o.count) || o.count < 0) throw new ShapeError('package_search', 'count is not a number');
  const results = arr('package_search', o.results, 'results').map((p, i) => decodePackage('package_search', p, `results[${i}]`));
  let facets: Record<string, { items?: FacetItem[] }> | undefined;
  if (o.search_facets !== undefined) {
    facets = {};
    for (const [k, f] of Object.entries(obj('package_search', o.search_facets, 'search_facets'))) {
      const items = arr('package_search', obj('package_search', f, `search_facets.${k}`).items ?? [], `search_facets.${k}.items`).map((it, i) => {
        const x = obj('package_search', it, `search_facets.${k}.items[${i}]`);
        if (typeof x.count !== 'number') throw new ShapeError('package_search', `search_facets.${k}.items[${i}].count is not a number`);
        return { name: str('package_search', x.name, `search_facets.${k}.items[${i}].name`), count: x.count, ...(typeof x.display_name === 'string' ? { display_name: x.display_name } : {}) };
      });
      facets[k] = { items };
    }
  }
  return { count: o.count, results, ...(facets ? { search_facets: facets } : {}) };
}

export function decodeLicenses(v: unknown): string[] {
  return arr('license_list', v, 'result').map((x, i) => str('license_list', obj('license_list', x, `result[${i}]`).id, `result[${i}].id`));
}

export function decodeScheming(v: unknown): { dataset_fields: { field_name: string; required?: boolean }[] } {
  const o = obj('scheming_dataset_schema_show', v, 'result');
  const fields = arr('scheming_dataset_schema_show', o.dataset_fields ?? [], 'dataset_fields').map((f, i) => {
    const x = obj('scheming_dataset_schema_show', f, `dataset_fields[${i}]`);
    return { field_name: str('scheming_dataset_schema_show', x.field_name, `dataset_fields[${i}].field_name`), ...(x.required === true ? { required: true } : {}) };
  });
  return { dataset_fields: fields };
}
