/**
 * The catalog of data standards: one JSON file per standard in a folder (the bundled standards/catalog, or
 * the walidata's own via --standards DIR / SATUDATA_STANDARDS). Each file is checked with ajv against
 * standards/meta/standard.schema.json, then by the Table Schema checks.
 */
import { readdir, readFile } from 'node:fs/promises';
import { metaValidator } from './meta-validators.js';
import { ajvParam } from '../i18n/ajv-text.js';
import { fsReason } from '../io/fs-reason.js';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSchema, SchemaError, type TableSchema } from './schema.js';
import type { Standard, StandardInfo } from './standard.js';

export const BUNDLED_CATALOG = fileURLToPath(new URL('../../standards/catalog', import.meta.url));

export interface CatalogProblem {
  path: string;
  detail: string;
}

export interface Catalog {
  dir: string;
  standards: Standard[];
  problems: CatalogProblem[];
}

/** Checks one parsed standard object; throws SchemaError with the first problems. */
export async function parseStandard(json: unknown, path: string): Promise<Standard> {
  const validate = await metaValidator('standard');
  if (!validate(json)) {
    throw new SchemaError(path, ajvParam(validate.errors, 4));
  }
  const schema = await checkSchema(json, path);
  const sd = (json as { satudata: Omit<StandardInfo, 'judul'> }).satudata;
  const info: StandardInfo = { ...sd, judul: String(schema.title ?? sd.id) } as StandardInfo;
  checkStandardReferences(schema, info, path);
  return { info, schema, path };
}

/** Field names the standard's rules and bindings mention must exist. */
function checkStandardReferences(schema: TableSchema, info: StandardInfo, path: string): void {
  const names = new Set(schema.fields.map((f) => f.name));
  const need = (name: unknown, where: string) => {
    if (typeof name === 'string' && !names.has(name)) throw new SchemaError(path, `${where}: field "${name}" is not in the standard`);
  };
  need(info.periode, 'satudata.periode');
  need(info.wilayah, 'satudata.wilayah');
  for (const f of schema.fields) {
    const b = f['satudata:kode'] as { nama?: string; induk?: string } | undefined;
    if (b) {
      need(b.nama, `${f.name}.satudata:kode.nama`);
      need(b.induk, `${f.name}.satudata:kode.induk`);
    }
  }
  for (const [i, rule] of ((info.aturan as Record<string, unknown>[] | undefined) ?? []).entries()) {
    for (const key of ['total', 'kolom'] as const) {
      const v = rule[key];
      if (Array.isArray(v)) v.forEach((x) => need(x, `satudata.aturan[${i}].${key}`));
      else need(v, `satudata.aturan[${i}].${key}`);
    }
    for (const x of (rule.bagian as string[] | undefined) ?? []) need(x, `satudata.aturan[${i}].bagian`);
  }
}

/** Loads every `*.json` of a catalog folder. Invalid files are listed as problems, not fatal. */
export async function loadCatalog(dir: string = BUNDLED_CATALOG): Promise<Catalog> {
  const abs = resolve(dir);
  let names: string[];
  try {
    names = (await readdir(abs)).filter((n) => n.endsWith('.json')).sort();
  } catch (err) {
    throw new SchemaError(dir, fsReason(err));
  }
  const standards: Standard[] = [];
  const problems: CatalogProblem[] = [];
  const ids = new Map<string, string>();
  for (const name of names) {
    const path = join(abs, name);
    try {
      const std = await parseStandard(JSON.parse(await readFile(path, 'utf8')), path);
      const other = ids.get(std.info.id);
      if (other) throw new SchemaError(path, `id "${std.info.id}" is also used by ${other}`);
      ids.set(std.info.id, path);
      standards.push(std);
    } catch (err) {
      problems.push({ path, detail: err instanceof SchemaError ? err.detail : `@detail.bad-json:${(err as Error).message}` });
    }
  }
  return { dir: abs, standards, problems };
}

export function findStandard(catalog: Catalog, id: string): Standard | undefined {
  const [name, version] = id.split('@');
  return catalog.standards.find((s) => s.info.id === name && (!version || s.info.versi === version));
}
