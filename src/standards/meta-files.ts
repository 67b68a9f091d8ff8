/**
 * The JSON Schemas of standards/meta/ that satudata checks documents against, by name. The build step
 * (scripts/build-validators.mjs) precompiles exactly these, from this list in dist/.
 */
export const META_FILES = {
  tableSchema: 'table-schema.schema.json',
  standard: 'standard.schema.json',
  metadata: 'metadata.schema.json',
  repoConfig: 'repo-config.schema.json',
} as const;

export type MetaName = keyof typeof META_FILES;
