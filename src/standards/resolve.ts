/**
 * Which standard a file is checked against: `--schema FILE` (a Table Schema, or a standard file), or
 * `--standard ID[@versi]` from the catalog (`--standards DIR`, SATUDATA_STANDARDS, or the bundled one), or —
 * with neither — the catalog standard whose fields best fit the file's header, when the fit is unambiguous.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { BUNDLED_CATALOG, findStandard, loadCatalog, parseStandard, type Catalog } from './catalog.js';
import { selectStandard, type Selection } from '../interpret/choose.js';
import type { Prepared } from '../interpret/facts.js';
import { loadSchemaFile, SchemaError, type TableSchema } from './schema.js';
import type { Standard } from './standard.js';
import { setCodeListDir } from './code-lists.js';

export interface StandardChoice {
  schema?: TableSchema;
  standard?: Standard;
  /** How it was chosen. */
  how: 'schema' | 'standard';
}

export class StandardNotFound extends Error {
  constructor(
    readonly id: string,
    readonly available: string[],
  ) {
    super(id);
  }
}

let catalogCache: { dir: string; catalog: Catalog } | null = null;

/** The catalog to use: an explicit folder, SATUDATA_STANDARDS, or the bundled one. */
export async function catalogFor(dir?: string): Promise<Catalog> {
  const chosen = dir ?? process.env.SATUDATA_STANDARDS ?? BUNDLED_CATALOG;
  if (catalogCache?.dir === chosen) return catalogCache.catalog;
  const catalog = await loadCatalog(chosen);
  // a walidata catalog may bring its own code lists in a codes/ folder beside or inside it
  const codes = [join(chosen, 'codes'), join(chosen, '..', 'codes')].find((d) => chosen !== BUNDLED_CATALOG && existsSync(d));
  setCodeListDir(codes ?? null);
  catalogCache = { dir: chosen, catalog };
  return catalog;
}

/** Loads `--schema FILE`: a standard file (with a `satudata` block) becomes a Standard, else a plain schema. */
export async function loadSchemaOrStandard(path: string): Promise<{ schema: TableSchema; standard?: Standard }> {
  const schema = await loadSchemaFile(path);
  if (schema.satudata && typeof schema.satudata === 'object') {
    const standard = await parseStandard(JSON.parse(await readFile(path, 'utf8')), path);
    return { schema: standard.schema, standard };
  }
  return { schema };
}

export async function standardById(id: string, dir?: string): Promise<Standard> {
  const catalog = await catalogFor(dir);
  const std = findStandard(catalog, id);
  if (!std) throw new StandardNotFound(id, catalog.standards.map((s) => `${s.info.id}@${s.info.versi}`));
  return std;
}

/** Scores the catalog against a table's prepared reading (interpret/choose.ts) when no standard was named. */
export async function matchStandard(prepared: Prepared, dir?: string): Promise<Selection> {
  const catalog = await catalogFor(dir);
  return selectStandard(prepared, catalog.standards);
}

export { SchemaError };
