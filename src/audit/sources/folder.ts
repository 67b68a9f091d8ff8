/**
 * Observed state from a folder of submitted files, validated on the fly. Files are named
 * `<item-id>_<period>.<csv|xlsx>` (e.g. `DD-0001_2021.xlsx`, `DD-0120_2021-Q3.csv`), anywhere under the folder;
 * a sidecar `<file>.metadata.json` gives the dataset metadata. A file is collected (its mtime, WITA date),
 * validated when it has no errors. Nothing in a folder is published.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { validateFile } from '../../check/validate-file.js';
import { loadSidecarMetadata } from '../../standards/metadata-load.js';
import { isoDay, witaDay } from '../dates.js';
import type { ObservedDataset, ObservedState } from '../model.js';
import { fsReason } from '../../io/fs-reason.js';
import { SourceError } from './source-error.js';

const FILE = /^(.+?)_(\d{4}(?:-(?:S[12]|Q[1-4]|W\d{2}|\d{2}(?:-\d{2})?))?)\.(csv|xlsx|xls)$/i;

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...await walk(p));
    else out.push(p);
  }
  return out.sort();
}

export async function readFolder(dir: string): Promise<ObservedState> {
  let files: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    files = await walk(dir);
  } catch (err) {
    throw new SourceError('audit-source-error', { source: dir, reason: fsReason(err) });
  }
  const byItem = new Map<string, ObservedDataset>();
  for (const file of files) {
    const base = file.split(/[\\/]/).pop()!;
    const m = FILE.exec(base);
    if (!m) continue;
    const [, item, period] = m as unknown as [string, string, string];
    const [report] = await validateFile(file, { maxErrors: 1000 });
    const day = isoDay(witaDay((await stat(file)).mtimeMs));
    let d = byItem.get(item);
    if (!d) {
      d = { name: item, item, periods: {} };
      const side = await loadSidecarMetadata(file).catch(() => null);
      if (side) d.metadata = side.metadata;
      byItem.set(item, d);
    }
    const errors = report?.stats.errors ?? 1;
    d.periods[period.toUpperCase()] = { collected: day, validated: day, errors };
    if (!d.dataModified || day > d.dataModified) d.dataModified = day;
  }
  const datasets = [...byItem.values()];
  return { source: 'folder', location: dir, datasets, datasetCount: datasets.length };
}
