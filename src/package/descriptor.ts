/**
 * `datapackage.json` (Frictionless Data Package v2): fixed key order, resources in a fixed order, `bytes`
 * and `hash` ("sha256:<hex>") for every file, the Table Schema inline on the data resource, the canonical
 * Satu Data metadata under `satudata:metadata` and provenance under `satudata:provenance`.
 */
import type { Metadata } from '../standards/metadata.js';
import { METADATA_LABELS } from '../standards/metadata.js';
import type { TableSchema } from '../standards/schema.js';
import type { Digest } from './hash.js';

export const DATAPACKAGE_PROFILE = 'https://datapackage.org/profiles/2.0/datapackage.json';
/** Edition of the region code list bundled with satudata (README, Licence). */
export const CODE_LIST_EDITION = 'Kepmendagri 300.2.2-2138/2025';

export type ResourceRole = 'data' | 'original' | 'report-json' | 'report-html';

export interface PackageFile extends Digest {
  role: ResourceRole;
  /** Path inside the package (forward slashes). */
  path: string;
  format: string;
  mediatype: string;
}

export interface Provenance {
  standard: { id: string | null; version: string | null; path: string | null };
  code_list_edition: string;
  tool: { name: string; version: string };
  validated_at: string;
  valid: boolean;
  allow_invalid: boolean;
  report: { errors: number; warnings: number; infos: number; data_rows: number };
  source: { file: string; sheet: string | null; bytes: number; sha256: string };
}

export interface DescriptorInput {
  name: string;
  title: string;
  description?: string;
  version?: string;
  created: string;
  license?: string;
  keywords: string[];
  schema: TableSchema;
  files: PackageFile[];
  metadata: Partial<Metadata> | null;
  provenance: Provenance;
}

const RESOURCE_NAME: Record<ResourceRole, string> = {
  data: 'data',
  original: 'original',
  'report-json': 'laporan-validasi-json',
  'report-html': 'laporan-validasi-html',
};

/** Metadata with keys in the canonical order (then any other keys sorted). */
export function orderedMetadata(m: Partial<Metadata>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(METADATA_LABELS)) if (m[k] !== undefined) out[k] = m[k];
  for (const k of Object.keys(m).sort()) if (!(k in out) && m[k] !== undefined) out[k] = m[k];
  return out;
}

export function buildDescriptor(d: DescriptorInput): Record<string, unknown> {
  const order: ResourceRole[] = ['data', 'original', 'report-json', 'report-html'];
  const files = [...d.files].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
  return {
    $schema: DATAPACKAGE_PROFILE,
    name: d.name,
    title: d.title,
    ...(d.description ? { description: d.description } : {}),
    ...(d.version ? { version: d.version } : {}),
    created: d.created,
    ...(d.license ? { licenses: [{ name: d.license }] } : {}),
    ...(d.keywords.length ? { keywords: d.keywords } : {}),
    resources: files.map((f) => ({
      name: RESOURCE_NAME[f.role],
      path: f.path,
      ...(f.role === 'data' ? { type: 'table' } : {}),
      format: f.format,
      mediatype: f.mediatype,
      ...(f.role === 'data' || f.format === 'json' || f.format === 'html' ? { encoding: 'utf-8' } : {}),
      bytes: f.bytes,
      hash: `sha256:${f.sha256}`,
      ...(f.role === 'data' ? { dialect: { delimiter: ',', header: true }, schema: resourceSchema(d.schema) } : {}),
    })),
    'satudata:metadata': d.metadata ? orderedMetadata(d.metadata) : null,
    'satudata:provenance': d.provenance,
  };
}

/** The sha256 of a resource as declared (`sha256:<hex>` → hex). */
export function declaredSha256(resource: { hash?: unknown }): string | null {
  const h = typeof resource.hash === 'string' ? resource.hash : '';
  const m = /^(?:sha256:)?([0-9a-f]{64})$/.exec(h);
  return m ? m[1]! : null;
}

/** The Frictionless v2 Table Schema profile: what a resource's inline schema declares. */
export const TABLESCHEMA_PROFILE = 'https://datapackage.org/profiles/2.0/tableschema.json';

/**
 * A standard's schema as a resource schema: a `$schema` that points at a file beside the catalog
 * (`../meta/standard.schema.json`) would be a missing reference inside the package, so it names the public
 * Table Schema profile instead.
 */
function resourceSchema(schema: TableSchema): TableSchema {
  const own = (schema as { $schema?: unknown }).$schema;
  if (typeof own === 'string' && /^https?:\/\//.test(own)) return schema;
  return { ...schema, $schema: TABLESCHEMA_PROFILE } as TableSchema;
}
