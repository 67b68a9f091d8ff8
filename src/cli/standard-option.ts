/** `--standards DIR`, `--schema FILE` and `--standard ID`, resolved the same way by validate, fix and package. */
import type { Lang } from '../i18n/lang.js';
import { SchemaError, type TableSchema } from '../standards/schema.js';
import { catalogFor, loadSchemaOrStandard, standardById, StandardNotFound } from '../standards/resolve.js';
import type { Standard } from '../standards/standard.js';
import { cliError, printCoded } from './coded.js';
import { EXIT_USAGE } from './context.js';

export interface StandardOptions {
  schema?: string;
  standard?: string;
  standards?: string;
}

/** `[standard-not-found]` with the catalog's ids; returns EXIT_USAGE. */
export function standardNotFound(lang: Lang, err: StandardNotFound): number {
  return cliError(lang, 'standard-not-found', 'cli.standard-not-found', { id: err.id, available: err.available.join(', ') || '—' });
}

/** `[catalog-error]`: a standards folder (--standards, SATUDATA_STANDARDS) that cannot be loaded; returns EXIT_USAGE. */
export function catalogError(lang: Lang, err: SchemaError): number {
  return cliError(lang, 'catalog-error', 'cli.catalog-error', { path: err.path, detail: err.detail });
}

/**
 * Loads the catalog of --standards (when given), then --schema (a plain Table Schema, or a standard file) or
 * --standard (an id of the catalog). Returns what was given ({} for neither), or an exit code after a coded
 * line (`catalog-error`, `standard-not-found`, `schema-error`).
 */
export async function resolveStandardOption(o: StandardOptions, lang: Lang): Promise<{ schema?: TableSchema; standard?: Standard } | number> {
  try {
    if (o.standards) await catalogFor(o.standards);
  } catch (err) {
    if (err instanceof SchemaError) return catalogError(lang, err);
    throw err;
  }
  try {
    if (o.schema) return await loadSchemaOrStandard(o.schema);
    if (o.standard) return { standard: await standardById(o.standard, o.standards) };
    return {};
  } catch (err) {
    if (err instanceof StandardNotFound) return standardNotFound(lang, err);
    if (!(err instanceof SchemaError)) throw err;
    printCoded(lang, 'schema-error', { path: err.path, detail: err.detail });
    return EXIT_USAGE;
  }
}
