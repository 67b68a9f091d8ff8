/**
 * The repository config: `satudata.config.json` (or `.satudata.json`) at the repository root, checked with
 * the precompiled validator of standards/meta/repo-config.schema.json. Paths in it are relative to the root and may not
 * leave it.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isUnsafePath } from '../read/limits.js';
import { metaValidator } from '../standards/meta-validators.js';
import { fsReason } from '../io/fs-reason.js';
import { ajvParam } from '../i18n/ajv-text.js';
import { RepoError } from './errors.js';
import { globMatcher } from './ignore.js';

export const CONFIG_NAMES = ['satudata.config.json', '.satudata.json'];

export interface FileRule {
  glob: string;
  standard?: string;
  schema?: string;
  sheet?: string | number;
  delimiter?: string;
  skip?: boolean;
}

export interface RepoConfig {
  standards?: string;
  files?: FileRule[];
  exclude?: string[];
  failOn?: 'error' | 'warning';
  maxErrors?: number;
  concurrency?: number;
  timeLimit?: number;
}

export interface LoadedConfig {
  config: RepoConfig;
  /** Relative name of the file it came from (null: none, defaults). */
  file: string | null;
  /** The first matching rule for a relative path. */
  ruleFor(rel: string): FileRule | undefined;
}

export async function loadConfig(root: string): Promise<LoadedConfig> {
  let file: string | null = null;
  let config: RepoConfig = {};
  for (const name of CONFIG_NAMES) {
    const path = join(root, name);
    const st = await stat(path).catch(() => null);
    if (!st) continue;
    file = name;
    if (!st.isFile() || st.size > 1024 * 1024) throw new RepoError('config-error', { path: name, detail: '@reason.not-small-json' });
    let data: unknown;
    try {
      data = JSON.parse(await readFile(path, 'utf8'));
    } catch (err) {
      throw new RepoError('config-error', { path: name, detail: err instanceof SyntaxError ? '@reason.bad-json' : fsReason(err) });
    }
    const validate = await metaValidator('repoConfig');
    if (!validate(data)) {
      throw new RepoError('config-error', { path: name, detail: ajvParam(validate.errors, 1) });
    }
    config = data as RepoConfig;
    for (const p of [config.standards, ...(config.files ?? []).map((f) => f.schema)]) {
      if (p !== undefined && isUnsafePath(p)) throw new RepoError('config-error', { path: name, detail: `"${p}" keluar dari repositori / leaves the repository` });
    }
    break;
  }
  const rules = (config.files ?? []).map((rule) => ({ rule, test: globMatcher(rule.glob) }));
  return {
    config,
    file,
    ruleFor: (rel) => rules.find((r) => r.test(rel))?.rule,
  };
}
