/** `satudata report`: options → runAudit → formatters → files/stdout → exit code. */
import { join } from 'node:path';
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import { renderIssue } from '../report/render.js';
import { parseAsOf, witaDay } from '../audit/dates.js';
import type { ObservedState } from '../audit/model.js';
import { findOpd } from '../audit/opd-codes.js';
import { applyOverrides, defaultPolicies } from '../audit/policy.js';
import { parseWeights } from '../audit/ranking.js';
import { runAudit } from '../audit/run-audit.js';
import { SourceError } from '../audit/sources/ledger.js';
import { writeFileAtomic } from '../io/atomic.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from './context.js';
import { outputFolderMissing, positiveOption, printCoded, usageError } from './coded.js';
import { createProgress } from './progress.js';
import { termSafe } from '../report/terminal-safe.js';

export interface ReportCliOptions {
  lang: Lang;
  ledger?: string;
  folder?: string;
  ckan?: string;
  asOf?: string;
  opd?: string;
  out?: string;
  format?: 'md' | 'html' | 'xlsx' | 'csv' | 'json' | 'all';
  history: string | false;
  grace?: string;
  weights?: string;
  checkLinks?: boolean;
  linkFailures?: string;
}

export async function runReport(registryPath: string, o: ReportCliOptions): Promise<number> {
  const lang = o.lang;
  const sources = [o.ledger, o.folder, o.ckan].filter((s) => s !== undefined);
  if (sources.length === 0) return usageError(lang, 'audit.cli.no-source');
  if (sources.length > 1) return usageError(lang, 'audit.cli.one-source');
  const asOf = o.asOf !== undefined ? parseAsOf(o.asOf) : witaDay(Date.now());
  if (asOf === null) return usageError(lang, 'audit.cli.bad-date', { value: o.asOf });
  const { policies, error } = applyOverrides(defaultPolicies(), o.grace);
  if (error) return usageError(lang, 'audit.cli.bad-grace', { value: error });
  const ranking = parseWeights(o.weights);
  if (!ranking) return usageError(lang, 'audit.cli.bad-weights', { value: o.weights });
  let opd: string | undefined;
  if (o.opd !== undefined) {
    opd = findOpd(o.opd)?.kode;
    if (!opd) return usageError(lang, 'audit.cli.unknown-opd', { value: o.opd });
  }
  if (o.checkLinks && !o.ckan) return usageError(lang, 'audit.cli.links-need-ckan');
  const linkThreshold = positiveOption(o.linkFailures ?? 1, '--link-failures', lang, { max: 52 });
  if (linkThreshold === null || linkThreshold === undefined) return EXIT_USAGE;
  const format = o.format ?? (o.out ? 'all' : 'md');
  if (await outputFolderMissing(o.out?.replace(/[\\/]+$/, ''), lang)) return EXIT_USAGE;
  if (!o.out && (format === 'xlsx' || format === 'csv' || format === 'all')) return usageError(lang, 'cli.bad-choice', { option: '--format (stdout)', choices: 'md, html, json', value: format });

  const observe = async (): Promise<ObservedState> => {
    if (o.ledger) return (await import('../audit/sources/ledger.js')).readLedger(o.ledger);
    if (o.folder) return (await import('../audit/sources/folder.js')).readFolder(o.folder);
    return (await import('../audit/sources/ckan.js')).readCkan(o.ckan!, { token: process.env.CKAN_TOKEN || undefined });
  };
  const progress = createProgress(lang);
  let result;
  try {
    result = await runAudit({ registry: registryPath, observe, asOf, lang, policies, ranking, ...(opd ? { opd } : {}), history: o.history === false ? null : o.history,
      ...(o.checkLinks ? { links: { threshold: linkThreshold, options: { onProgress: (done: number, total: number) => progress.status(t(lang, 'audit.cli.links-progress', { done, total })) } } } : {}) });
  } catch (err) {
    if (err instanceof SourceError) {
      printCoded(lang, err.code, err.params);
      return EXIT_USAGE;
    }
    // file-system failures (the history folder, a submitted file that vanished) reach the last-resort handler,
    // which names the path: [output-error] or [io-error], exit 2
    throw err;
  } finally {
    progress.stop();
  }
  if (!result.ok) {
    const reg = result.registry;
    if (reg.unreadable) {
      // a registry that cannot be read is one coded line, like every expected failure
      const first = reg.issues[0];
      if (first) printCoded(lang, first.code, { ...(first.params ?? {}), path: registryPath });
      return EXIT_USAGE;
    }
    for (const issue of reg.issues) {
      const r = renderIssue(issue, lang);
      const where = issue.row !== undefined ? `${registryPath}:${issue.row}` : registryPath;
      process.stderr.write(`${termSafe(where)}  ✖ ${r.title}: ${termSafe(r.message)} [${issue.code}]\n    ${t(lang, 'label.hint')}: ${termSafe(r.hint)}\n`);
    }
    if (reg.unreadable) return EXIT_USAGE;
    process.stderr.write(`satudata: ${t(lang, 'audit.cli.registry-invalid', { path: registryPath, count: reg.issues.length })}\n`);
    return EXIT_INVALID;
  }
  const report = result.report;
  const want = (f: string) => format === 'all' || format === f;
  if (report.guard.level !== 'ok') {
    const { notes } = await import('../audit/format/common.js');
    for (const n of notes(report, lang).filter((x) => x !== t(lang, 'audit.first-run'))) process.stderr.write(`satudata: ${termSafe(n)}\n`);
  }
  if (!o.out) {
    if (format === 'json') process.stdout.write((await import('../audit/format/json.js')).formatJson(report, lang));
    else if (format === 'html') process.stdout.write((await import('../audit/format/html.js')).formatHtml(report, lang));
    else process.stdout.write((await import('../audit/format/markdown.js')).formatMarkdown(report, lang));
  } else {
    const tag = opd ? `-${findOpd(opd)!.singkatan}` : '';
    const base = `laporan-${report.week}${tag}`;
    const written: string[] = [];
    const put = async (name: string, data: string | Buffer) => {
      await writeFileAtomic(join(o.out!, name), data);
      written.push(join(o.out!, name));
    };
    if (want('md')) await put(`${base}.md`, (await import('../audit/format/markdown.js')).formatMarkdown(report, lang));
    if (want('html')) await put(`${base}.html`, (await import('../audit/format/html.js')).formatHtml(report, lang));
    if (want('json')) await put(`${base}.json`, (await import('../audit/format/json.js')).formatJson(report, lang));
    if (want('xlsx')) await put(`${base}.xlsx`, await (await import('../audit/format/xlsx.js')).formatXlsx(report, lang));
    if (want('csv')) {
      // one folder per week, so that a week never overwrites the CSV files of another
      const dir = join(o.out, `csv-${report.week}${tag}`);
      for (const [name, text] of Object.entries((await import('../audit/format/csv.js')).formatCsv(report, lang))) await writeFileAtomic(join(dir, name), text);
      written.push(join(dir, '*.csv'));
    }
    const { headlines } = await import('../audit/format/common.js');
    process.stdout.write(`${headlines(report, lang).map(termSafe).join('\n')}\n${termSafe(t(lang, 'audit.cli.written', { week: report.week, files: written.join(', ') }))}\n`);
  }
  return report.guard.level === 'refuse' ? EXIT_INVALID : EXIT_OK;
}
