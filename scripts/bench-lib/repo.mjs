/**
 * Inputs for the repository-mode bench (row `repo`): a dataset repository of `files` CSVs of `rows` rows each
 * (copies of bench A's generated penduduk CSV, with its planted errors) and a satudata.config.json that
 * binds every CSV to bench A's schema — the shape of an OPD repository of large tables.
 */
import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureData } from './gen.mjs';

/** Writes .bench/repo-<files>x<rows>/ once; returns its path and the defects planted per file. */
export async function ensureRepoData(dir, { files, rows, xlsxRows, log }) {
  const d = await ensureData(dir, { rows, xlsxRows, log });
  const repo = join(dir, `repo-${files}x${rows}`);
  mkdirSync(join(repo, 'data'), { recursive: true });
  copyFileSync(d.schemaV2, join(repo, 'schema.json'));
  writeFileSync(join(repo, 'satudata.config.json'), JSON.stringify({ files: [{ glob: 'data/*.csv', schema: 'schema.json' }] }, null, 2) + '\n');
  for (let i = 1; i <= files; i++) {
    const path = join(repo, 'data', `opd-${String(i).padStart(2, '0')}.csv`);
    if (!existsSync(path) || statSync(path).size !== d.csv.bytes) copyFileSync(d.csv.path, path);
  }
  return { repo, files, bytes: d.csv.bytes, planted: d.csv.invalidCells + d.csv.duplicates };
}
