/**
 * Repository mode: from a folder to a list of validation jobs. Discovers data files and packages, applies
 * the config (first matching `files` rule: standard pinned by version, schema, sheet, delimiter, skip),
 * keeps only changed files with --changed-since, and resolves every standard once.
 */
import { join } from 'node:path';
import type { TableReport } from '../report/issue.js';
import type { TableSchema } from '../standards/schema.js';
import type { Standard } from '../standards/standard.js';
import { loadSchemaOrStandard, standardById, StandardNotFound } from '../standards/resolve.js';
import { changedSince } from './changed.js';
import { loadConfig, CONFIG_NAMES, type LoadedConfig } from './config.js';
import { compare, discover } from './discover.js';
import { RepoError } from './errors.js';
import { descriptorReport, loadPackage } from './package.js';

export interface RepoJob {
  /** Path as reported (the folder argument joined with the relative path). */
  path: string;
  rel: string;
  schema?: TableSchema;
  dataStandard?: Standard;
  standard?: { path: string; title?: string };
  sheet?: string | number;
  delimiter?: string;
  /** Set when the standard was chosen by the config or a package (not by the header). */
  fixed?: boolean;
}

export interface RepoPlan {
  config: LoadedConfig;
  jobs: RepoJob[];
  /** Reports that need no reading: symlink loops, unsafe package paths, broken descriptors. */
  reports: TableReport[];
  /** Files skipped by --changed-since (for the summary). */
  unchanged: number;
}

export interface PlanOptions {
  changedSince?: string;
  /** --standards given on the command line (wins over the config's `standards`). */
  standardsDir?: string;
}

export async function planRepo(dirArg: string, opts: PlanOptions = {}): Promise<RepoPlan> {
  const root = dirArg;
  const display = (rel: string) => (dirArg === '.' || dirArg === './' ? rel : join(dirArg, rel));
  const config = await loadConfig(root);
  const standardsDir = opts.standardsDir ?? (config.config.standards ? join(root, config.config.standards) : undefined);
  const found = await discover(root, { exclude: config.config.exclude });
  const reports: TableReport[] = found.issues.map((i) => {
    const { path, ...issue } = i;
    return { ...descriptorReport(display(path), [issue], issue.severity === 'error'), valid: issue.severity !== 'error' };
  });

  let changed: Set<string> | null = null;
  if (opts.changedSince) {
    changed = await changedSince(root, opts.changedSince);
    // a changed config (or standards folder) may change every result: validate everything
    const std = config.config.standards?.replace(/^\.\//, '').replace(/\/?$/, '/');
    if ([...changed].some((p) => CONFIG_NAMES.includes(p) || (std && p.startsWith(std)))) changed = null;
  }
  const isChanged = (rel: string) => {
    if (!changed) return true;
    if (changed.has(rel)) return true;
    const base = rel.replace(/\.(csv|tsv|xlsx|xls)$/i, '');
    return ['.metadata.json', '.metadata.yaml', '.metadata.yml'].some((ext) => changed!.has(base + ext));
  };

  const jobs: RepoJob[] = [];
  const claimed = new Set<string>();
  for (const pkgRel of found.packages) {
    const pkg = await loadPackage(root, pkgRel, display(pkgRel));
    if (pkg.report && (!changed || changed.has(pkgRel))) reports.push(pkg.report);
    for (const r of pkg.resources) {
      claimed.add(r.rel);
      if (!isChanged(r.rel) && !(changed && changed.has(pkgRel))) continue;
      jobs.push({
        path: display(r.rel),
        rel: r.rel,
        ...(r.schema ? { schema: r.schema, standard: { path: r.schemaRef ?? display(pkgRel), ...(r.schema.title ? { title: String(r.schema.title) } : {}) }, fixed: true } : {}),
        ...(r.delimiter ? { delimiter: r.delimiter } : {}),
        ...(r.sheet !== undefined ? { sheet: r.sheet } : {}),
      });
    }
  }

  const standards = new Map<string, Promise<{ schema: TableSchema; standard?: Standard }>>();
  const resolve = (key: string, load: () => Promise<{ schema: TableSchema; standard?: Standard }>) => {
    let p = standards.get(key);
    if (!p) standards.set(key, (p = load()));
    return p;
  };
  let unchanged = 0;
  for (const rel of found.files) {
    if (claimed.has(rel)) continue;
    if (!isChanged(rel)) {
      unchanged++;
      continue;
    }
    const rule = config.ruleFor(rel);
    if (rule?.skip) continue;
    const job: RepoJob = { path: display(rel), rel };
    if (rule?.sheet !== undefined) job.sheet = rule.sheet;
    if (rule?.delimiter) job.delimiter = rule.delimiter;
    try {
      if (rule?.standard) {
        const id = rule.standard;
        const { standard } = await resolve(`std:${id}`, async () => {
          const s = await standardById(id, standardsDir);
          return { schema: s.schema, standard: s };
        });
        job.dataStandard = standard;
        job.fixed = true;
      } else if (rule?.schema) {
        const file = rule.schema;
        const loaded = await resolve(`schema:${file}`, () => loadSchemaOrStandard(join(root, file)));
        job.schema = loaded.schema;
        if (loaded.standard) job.dataStandard = loaded.standard;
        else job.standard = { path: display(file), ...(loaded.schema.title ? { title: String(loaded.schema.title) } : {}) };
        job.fixed = true;
      }
    } catch (err) {
      const name = config.file ?? CONFIG_NAMES[0]!;
      if (err instanceof StandardNotFound) {
        throw new RepoError('config-error', { path: name, detail: `standard "${err.id}" — ${err.available.join(', ') || '—'}` });
      }
      // a schema's detail may be a phrase key (`@reason.not-found`): keep it whole so it is put in the language
      const detail = (err as { detail?: string }).detail;
      if (detail) throw new RepoError('config-error', { path: `${name} (${file(rule)})`, detail: detail.slice(0, 300) });
      throw new RepoError('config-error', { path: name, detail: (err as Error).message.split('\n')[0]!.slice(0, 300) });
    }
    jobs.push(job);
  }
  jobs.sort((a, b) => compare(a.path, b.path));
  reports.sort((a, b) => compare(a.path, b.path));
  return { config, jobs, reports, unchanged };
}

function file(rule: { schema?: string; standard?: string } | undefined): string {
  return rule?.schema ?? rule?.standard ?? '';
}
