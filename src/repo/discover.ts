/**
 * Walks a dataset repository: data files (.csv, .tsv, .xlsx, .xls) and data packages (datapackage.json),
 * honouring .gitignore files (root and nested), the config's `exclude`, and skipping .git, node_modules and
 * Excel lock files (`~$…`). Symbolic links are followed once: a folder whose real path was already walked
 * is a loop (or a duplicate) and is reported, not entered. Output is sorted by path (deterministic).
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Issue } from '../report/issue.js';
import { IgnoreList } from './ignore.js';

export const DATA_FILE = /\.(csv|tsv|xlsx|xls)$/i;
export const PACKAGE_FILE = /(^|\.)datapackage\.json$/i;
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn']);

export interface Discovered {
  /** Data files, relative to the root with `/`, sorted. */
  files: string[];
  /** datapackage.json files, relative, sorted. */
  packages: string[];
  /** Repository-level findings (symlink loops, unreadable folders). */
  issues: (Issue & { path: string })[];
}

export interface DiscoverOptions {
  exclude?: string[];
  /** Stop after this many entries (a guard against absurd trees; default 200,000). */
  maxEntries?: number;
}

export async function discover(root: string, opts: DiscoverOptions = {}): Promise<Discovered> {
  const files: string[] = [];
  const packages: string[] = [];
  const issues: Discovered['issues'] = [];
  const exclude = new IgnoreList(opts.exclude ?? []);
  const seen = new Set<string>();
  const max = opts.maxEntries ?? 200_000;
  let entries = 0;

  async function walk(dir: string, rel: string, ignores: { base: string; list: IgnoreList }[]): Promise<void> {
    let real: string;
    try {
      real = await realpath(dir);
    } catch {
      return;
    }
    if (seen.has(real)) {
      issues.push({ code: 'symlink-loop', severity: 'warning', params: { path: rel || '.' }, path: rel || '.' });
      return;
    }
    seen.add(real);
    let names: string[];
    try {
      names = (await readdir(dir)).sort(compare);
    } catch (err) {
      issues.push({ code: 'source-error', severity: 'error', params: { reason: (err as NodeJS.ErrnoException).code ?? String(err) }, path: rel || '.' });
      return;
    }
    let here = ignores;
    if (names.includes('.gitignore')) {
      try {
        here = [...ignores, { base: rel, list: IgnoreList.fromText(await readFile(join(dir, '.gitignore'), 'utf8')) }];
      } catch {
        /* unreadable .gitignore: ignore it */
      }
    }
    for (const name of names) {
      if (++entries > max) return;
      if (ALWAYS_SKIPPED.has(name)) continue;
      const path = join(dir, name);
      const childRel = rel ? `${rel}/${name}` : name;
      let isDir = false;
      try {
        isDir = (await stat(path)).isDirectory();
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ELOOP') {
          issues.push({ code: 'symlink-loop', severity: 'warning', params: { path: childRel }, path: childRel });
          continue;
        }
        // a dangling link or a file that vanished: validation reports it (source-error)
      }
      if (isIgnored(childRel, isDir, here, exclude)) continue;
      if (isDir) await walk(path, childRel, here);
      else if (PACKAGE_FILE.test(name)) packages.push(childRel);
      else if (DATA_FILE.test(name) && !name.startsWith('~$')) files.push(childRel);
    }
  }

  await walk(root, '', []);
  files.sort(compare);
  packages.sort(compare);
  return { files, packages, issues };
}

function isIgnored(rel: string, isDir: boolean, ignores: { base: string; list: IgnoreList }[], exclude: IgnoreList): boolean {
  let verdict: boolean | undefined;
  for (const { base, list } of ignores) {
    const sub = base ? rel.slice(base.length + 1) : rel;
    const v = list.test(sub, isDir);
    if (v !== undefined) verdict = v;
  }
  const ex = exclude.test(rel, isDir);
  if (ex !== undefined) verdict = ex;
  return verdict === true;
}

/** Code-point order (not locale): the same on every machine. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
