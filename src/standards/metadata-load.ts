/**
 * Reads a dataset's canonical metadata and checks it against standards/meta/metadata.schema.json (ajv).
 * Sources: a sidecar file next to the data (`<data>.metadata.json`). (The `Metadata` sheet of a workbook,
 * YAML sidecars and datapackage.json come with the standards issue.)
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { metaValidator } from './meta-validators.js';
import type { Metadata } from './metadata.js';

export interface MetadataProblem {
  /** JSON pointer of the key, e.g. `/produsen/kode`. */
  pointer: string;
  /** ajv keyword (required, enum, pattern, type, minLength…). */
  keyword: string;
  params: Record<string, unknown>;
  /** Where the value came from: file path (and sheet cell when read from a sheet). */
  source: string;
  cell?: string;
}

export interface LoadedMetadata {
  metadata: Partial<Metadata>;
  source: string;
  problems: MetadataProblem[];
}

/** Checks a metadata object; returns its problems (empty when valid). */
export async function checkMetadata(metadata: unknown, source: string): Promise<MetadataProblem[]> {
  const validate = await metaValidator('metadata');
  if (validate(metadata)) return [];
  return (validate.errors ?? []).map((e) => ({
    pointer: e.keyword === 'required' ? `${e.instancePath}/${String(e.params.missingProperty)}` : e.instancePath || '/',
    keyword: e.keyword,
    params: e.params,
    source,
  }));
}

/** The sidecar path for a data file: `data/x.xlsx` → `data/x.metadata.json`. */
export function sidecarPath(dataPath: string): string {
  return dataPath.replace(/\.(csv|xlsx|xls|tsv|txt)$/i, '') + '.metadata.json';
}

/** Loads the sidecar metadata of a data file, or null when there is none. Throws on unreadable JSON. */
export async function loadSidecarMetadata(dataPath: string): Promise<LoadedMetadata | null> {
  const path = sidecarPath(dataPath);
  if (!existsSync(path)) return null;
  const metadata = JSON.parse(await readFile(path, 'utf8')) as Partial<Metadata>;
  return { metadata, source: path, problems: await checkMetadata(metadata, path) };
}
