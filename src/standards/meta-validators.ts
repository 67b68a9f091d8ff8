/**
 * Validators for the JSON Schemas in standards/meta/ (Table Schema, standard format, metadata, repository
 * config). The build
 * precompiles them with ajv's standalone code (scripts/build-validators.mjs → dist/standards/meta-validators.generated.js)
 * so nothing is compiled at run time; when that module is missing (a build without the step) they are
 * compiled here with ajv, with the same result.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { META_FILES, type MetaName } from './meta-files.js';

export interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

export type MetaValidator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
export type { MetaName };
let loaded: Promise<Record<MetaName, MetaValidator>> | null = null;

export function metaValidator(name: MetaName): Promise<MetaValidator> {
  loaded ??= load();
  return loaded.then((v) => v[name]);
}

async function load(): Promise<Record<MetaName, MetaValidator>> {
  try {
    const url = new URL('./meta-validators.generated.js', import.meta.url).href;
    return (await import(url)) as Record<MetaName, MetaValidator>;
  } catch {
    return compileMetaValidators();
  }
}

/** Compiles the validators at run time with ajv (the fallback; also what the tests compare the build with). */
export async function compileMetaValidators(): Promise<Record<MetaName, MetaValidator>> {
  const { Ajv } = await import('ajv');
  const ajv = new Ajv({ allErrors: true, strict: false });
  const out = {} as Record<MetaName, MetaValidator>;
  const schemas = await Promise.all(
    (Object.keys(META_FILES) as MetaName[]).map(async (k) => [k, JSON.parse(await readFile(fileURLToPath(new URL(`../../standards/meta/${META_FILES[k]}`, import.meta.url)), 'utf8'))] as const),
  );
  for (const [, s] of schemas) ajv.addSchema(s);
  for (const [k, s] of schemas) out[k] = ajv.getSchema(s.$id) as unknown as MetaValidator;
  return out;
}
