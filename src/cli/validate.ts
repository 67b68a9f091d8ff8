/**
 * `satudata validate`: options → jobs (files as given; folders in repository mode) → validateFile per job,
 * on worker threads when it pays (check/file-pool.ts), else with bounded concurrency on this thread → one report → formatter (+ the JSON report with --output) → exit code.
 */
import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import { validateFile } from '../check/validate-file.js';
import { buildReport, exitCode } from '../report/build.js';
import type { Report, Severity, TableReport } from '../report/issue.js';
import { EXIT_USAGE } from './context.js';
import { delimiterOption, outputFolderMissing, positiveOption, printCoded, usageError } from './coded.js';
import { resolveStandardOption } from './standard-option.js';
import { createProgress } from './progress.js';
import type { RepoJob } from '../repo/plan.js';
import type { FileTaskOptions } from '../check/file-pool.js';
import { sheetArg } from './options.js';
import { termSafe } from '../report/terminal-safe.js';
import { isStream } from '../read/spool.js';

export type ReportFormat = 'pretty' | 'json' | 'github' | 'junit' | 'markdown';

export interface ValidateCliOptions {
  lang: Lang;
  version: string;
  schema?: string;
  standard?: string;
  standards?: string;
  sheet?: string;
  delimiter?: string;
  format: ReportFormat;
  maxErrors?: string;
  failOn?: Severity;
  infos: boolean;
  output?: string;
  annotate?: string;
  changedSince?: string;
  concurrency?: string;
  timeLimit?: string;
}

/** One file to validate, with what the repository config or a package says about it. */
type Job = Omit<RepoJob, 'rel'>;

/** At most this many files at once: async on one thread, or worker threads when fileWorkers says they pay (docs/benchmarks.md). */
export const DEFAULT_CONCURRENCY = 4;

/** A folder argument is a repository, unless it is named like a data file (a folder called `x.csv`). */
const DATA_NAME = /\.(csv|tsv|xlsx|xls)$/i;

export async function runValidate(files: string[], o: ValidateCliOptions): Promise<number> {
  // standard input and pipes, copied to temporary files (read/spool.ts): removed whatever happens
  const spooled = new Map<string, { arg: string; remove(): Promise<void> }>();
  try {
    return await validateJobs(files, o, spooled);
  } finally {
    await Promise.all([...spooled.values()].map((s) => s.remove()));
  }
}

async function validateJobs(files: string[], o: ValidateCliOptions, spooled: Map<string, { arg: string; remove(): Promise<void> }>): Promise<number> {
  const started = performance.now();
  const cliMaxErrors = positiveOption(o.maxErrors, '--max-errors', o.lang);
  const cliConcurrency = positiveOption(o.concurrency, '--concurrency', o.lang);
  const cliTimeLimit = positiveOption(o.timeLimit, '--time-limit', o.lang, { real: true });
  if (cliMaxErrors === null || cliConcurrency === null || cliTimeLimit === null) return EXIT_USAGE;
  const delimiter = delimiterOption(o.delimiter, o.lang);
  if (delimiter === null) return EXIT_USAGE;
  if (o.annotate && !/\.xlsx$/i.test(o.annotate)) return usageError(o.lang, 'cli.annotate-xlsx', { path: o.annotate });
  const chosen = await resolveStandardOption(o, o.lang);
  if (typeof chosen === 'number') return chosen;
  const { schema, standard: dataStandard } = chosen;

  // Jobs: files in argument order; each folder expands (repository mode) to its files, sorted by path.
  const jobs: Job[] = [];
  const preset = new Map<number, TableReport[]>();
  let config: { failOn?: Severity; maxErrors?: number; concurrency?: number; timeLimit?: number } = {};
  for (const arg of files) {
    const st = arg === '-' ? undefined : await stat(arg).catch((err: unknown) => err as Error);
    if (!(st instanceof Error) && isStream(arg, st)) {
      const { spoolArgument } = await import('./stream-input.js');
      const copy = await spoolArgument(arg, o.lang);
      if (typeof copy === 'number') return copy;
      spooled.set(copy.path, { arg, remove: copy.remove });
      jobs.push({ path: copy.path });
      continue;
    }
    if (st === undefined || st instanceof Error || (st.isDirectory() && DATA_NAME.test(arg.replace(/[\\/]+$/, '')))) {
      // an argument that cannot be opened is a usage problem: one coded line on stderr, nothing on stdout
      const { fsReason } = await import('../io/fs-reason.js');
      printCoded(o.lang, 'source-error', { path: arg, reason: st instanceof Error ? fsReason(st) : '@reason.directory' });
      return EXIT_USAGE;
    }
    if (!st.isDirectory()) {
      jobs.push({ path: arg });
      continue;
    }
    const { planRepo } = await import('../repo/plan.js');
    const { RepoError } = await import('../repo/errors.js');
    try {
      const plan = await planRepo(arg, { changedSince: o.changedSince, standardsDir: o.standards });
      if (Object.keys(config).length === 0) config = plan.config.config;
      if (plan.reports.length) preset.set(jobs.length, plan.reports);
      jobs.push(...plan.jobs);
      if (plan.jobs.length === 0 && plan.reports.length === 0) process.stderr.write(`satudata: ${termSafe(t(o.lang, 'repo.none', { path: arg }))}\n`);
      if (plan.unchanged > 0) process.stderr.write(`satudata: ${termSafe(t(o.lang, 'repo.unchanged', { count: plan.unchanged, ref: o.changedSince ?? '' }))}\n`);
    } catch (err) {
      if (!(err instanceof RepoError)) throw err;
      printCoded(o.lang, err.code, err.params);
      return EXIT_USAGE;
    }
  }

  const maxErrors = cliMaxErrors ?? config.maxErrors ?? 1000;
  const failOn: Severity = o.failOn ?? config.failOn ?? 'error';
  if (o.annotate && jobs.length !== 1) return usageError(o.lang, 'cli.annotate-one-file', { count: jobs.length });
  // the user's input is never overwritten
  const { samePath } = await import('../io/atomic.js');
  for (const [option, out] of [['--output', o.output], ['--annotate', o.annotate]] as const) {
    const input = out ? jobs.find((j) => samePath(j.path, out)) : undefined;
    if (input) return usageError(o.lang, 'cli.output-is-input', { option, path: input.path });
    if (await outputFolderMissing(out, o.lang)) return EXIT_USAGE;
  }
  const concurrency = cliConcurrency ?? config.concurrency ?? DEFAULT_CONCURRENCY;
  const timeLimitSeconds = cliTimeLimit ?? config.timeLimit;
  const sheet = sheetArg(o.sheet);
  const cliFixed = Boolean(schema || dataStandard);
  const progress = createProgress(o.lang);
  const tasks = jobs.map((job) => {
    const own = !cliFixed && job.fixed;
    const opts: FileTaskOptions = {
      schema: cliFixed ? schema : own ? job.schema : undefined,
      dataStandard: cliFixed ? dataStandard : own ? job.dataStandard : undefined,
      autoStandard: cliFixed || own ? false : { dir: o.standards },
      ...(o.schema && !dataStandard ? { standard: { path: o.schema, ...(schema?.title ? { title: schema.title as string } : {}) } } : {}),
      ...(!cliFixed && own && job.standard ? { standard: job.standard } : {}),
      maxErrors,
      sheet: sheet ?? job.sheet,
      delimiter: delimiter ?? job.delimiter,
      ...(timeLimitSeconds ? { timeLimitSeconds } : {}),
    };
    return { path: job.path, opts };
  });
  // several files on several cores (worker per file) when it pays, else bounded async concurrency on this thread
  const { fileWorkersNow } = await import('../check/shard.js');
  const sizes = tasks.length > 1 ? await Promise.all(tasks.map((tk) => stat(tk.path).then((st) => st.size, () => 0))) : [];
  const workers = await fileWorkersNow(sizes, concurrency);
  const shown = (path: string) => spooled.get(path)?.arg ?? path;
  const here = (path: string, opts: FileTaskOptions) => validateFile(path, { ...opts, onProgress: (rows) => progress.update(shown(path), rows) });
  let results: TableReport[][];
  if (workers > 0) {
    const { validateInWorkers } = await import('../check/file-pool.js');
    results = await validateInWorkers(tasks, { workers, alsoHere: true, runHere: here, onProgress: progress.enabled ? (path, rows) => progress.update(shown(path), rows) : undefined });
  } else {
    const { mapPool } = await import('../io/pool.js');
    results = await mapPool(tasks, concurrency, (tk) => here(tk.path, tk.opts));
  }
  progress.stop();
  const tables: TableReport[] = [];
  for (let i = 0; i <= results.length; i++) {
    const before = preset.get(i);
    if (before) tables.push(...before);
    if (i < results.length) tables.push(...results[i]!);
  }
  // a copy of standard input or a pipe is reported under the name it was given (`-`, /dev/stdin)
  for (const tb of tables) tb.path = shown(tb.path);
  const report = buildReport(tables, { lang: o.lang, failOn, version: o.version, seconds: (performance.now() - started) / 1000 });
  if (o.output) {
    const { formatJsonParts } = await import('../report/format-json.js');
    const { writeFileAtomic } = await import('../io/atomic.js');
    await writeFileAtomic(o.output, formatJsonParts(report, o.lang));
  }
  if (o.annotate) {
    // an annotated copy of the (single) validated workbook: problem cells highlighted, notes, a "Masalah" sheet
    const { annotateWorkbook } = await import('../annotate/annotate.js');
    await annotateWorkbook(report.tables.filter((tb) => tb.path === shown(jobs[0]!.path)), jobs[0]!.path, o.annotate, o.lang, timeLimitSeconds ? { timeLimitSeconds } : {});
  }
  if (o.format === 'json') await writeParts((await import('../report/format-json.js')).formatJsonParts(report, o.lang));
  else process.stdout.write(await format(report, o, failOn));
  return exitCode(report);
}

/** Writes a report in pieces to standard output, waiting when the pipe is full (a closed pipe ends the process: epipe.ts). */
async function writeParts(parts: Iterable<string>): Promise<void> {
  for (const part of parts) if (!process.stdout.write(part)) await once(process.stdout, 'drain');
}

async function format(report: Report, o: ValidateCliOptions, failOn: Severity): Promise<string> {
  switch (o.format) {
    case 'github':
      return (await import('../report/format-github.js')).formatGithub(report, { lang: o.lang, infos: false });
    case 'junit':
      return (await import('../report/format-junit.js')).formatJunit(report, { lang: o.lang, failOn });
    case 'markdown':
      return (await import('../report/format-markdown.js')).formatMarkdown(report, { lang: o.lang, infos: false });
    default: {
      const { formatPretty } = await import('../report/format-pretty.js');
      const { Chalk } = await import('chalk');
      const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '' && !process.env.FORCE_COLOR;
      const color = noColor ? new Chalk({ level: 0 }) : new Chalk();
      return formatPretty(report, { lang: o.lang, color, infos: o.infos });
    }
  }
}
