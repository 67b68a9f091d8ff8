/** `satudata fix`: options → standard → plan, write, re-validate → report (pretty or json) → exit code. */
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import { renderIssue, location } from '../report/render.js';
import type { Standard } from '../standards/standard.js';
import type { Issue } from '../report/issue.js';
import { ReadError } from '../read/table.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from './context.js';
import { delimiterOption, inputUnreadable, outputFolderMissing, positiveOption, printCoded, usageError } from './coded.js';
import { resolveStandardOption } from './standard-option.js';
import { sheetArg } from './options.js';
import { termSafe } from '../report/terminal-safe.js';

export interface FixCliOptions {
  lang: Lang;
  standard?: string;
  standards?: string;
  schema?: string;
  out?: string;
  sheet?: string;
  delimiter?: string;
  dash: 'kosong' | 'nol';
  set?: string[];
  cakupan?: string;
  keepOutside?: boolean;
  recompute?: boolean;
  timeLimit?: string;
  format: 'pretty' | 'json';
}

/** Problems listed in the pretty report (all of them are in --format json). */
const SHOWN = 30;
/** Errors left in the result that are listed (the rest are counted). */
const ERRORS_SHOWN = 10;

export async function runFix(file: string, o: FixCliOptions): Promise<number> {
  // standard input and pipes (`-`, /dev/stdin, a FIFO) are copied to a temporary file first, as validate does
  const { stat } = await import('node:fs/promises');
  const { isStream } = await import('../read/spool.js');
  const st = file === '-' ? undefined : await stat(file).catch(() => undefined);
  if (!isStream(file, st)) return fixFile(file, file, o);
  if (!o.out) return usageError(o.lang, 'fix.stream-needs-out', { file });
  const { spoolArgument } = await import('./stream-input.js');
  const copy = await spoolArgument(file, o.lang);
  if (typeof copy === 'number') return copy;
  try {
    return await fixFile(copy.path, file, o);
  } finally {
    await copy.remove();
  }
}

/** Fixes the file at `path`, named `file` in every message (the name the user gave: `-` for standard input). */
async function fixFile(path: string, file: string, o: FixCliOptions): Promise<number> {
  const lang = o.lang;
  const delimiter = delimiterOption(o.delimiter, lang);
  if (delimiter === null) return EXIT_USAGE;
  const timeLimitSeconds = positiveOption(o.timeLimit, '--time-limit', lang, { real: true });
  if (timeLimitSeconds === null) return EXIT_USAGE;
  const chosen = await resolveStandardOption(o, lang);
  if (typeof chosen === 'number') return chosen;
  let standard: Standard | undefined = chosen.standard ?? (chosen.schema && { schema: chosen.schema, info: { id: o.schema } as Standard['info'], path: o.schema });
  // without --standard/--schema: the standard validate would choose, when one clearly fits (said in the output)
  let matched = false;
  if (!standard) {
    if (await inputUnreadable([path], lang)) return EXIT_USAGE;
    const { catalogFor } = await import('../standards/resolve.js');
    const { standardForFile } = await import('../interpret/choose-file.js');
    const catalog = await catalogFor(o.standards);
    standard = await standardForFile(path, catalog.standards, {
      ...(o.sheet !== undefined ? { sheet: sheetArg(o.sheet)! } : {}),
      ...(delimiter !== undefined ? { delimiter } : {}),
    });
    if (!standard) return usageError(lang, 'fix.need-standard', { file });
    matched = true;
  }
  const set: Record<string, string> = {};
  for (const s of o.set ?? []) {
    const k = s.indexOf('=');
    const name = k > 0 ? s.slice(0, k).trim() : '';
    if (!name || !standard.schema.fields.some((f) => f.name === name)) return usageError(lang, 'fix.bad-set', { value: s });
    set[name] = s.slice(k + 1).trim();
  }
  if (await outputFolderMissing(o.out, lang)) return EXIT_USAGE;
  const { runFixFile } = await import('../fix/run.js');
  const { SameFileError } = await import('../io/atomic.js');
  let result;
  try {
    result = await runFixFile(path, standard, o.out, {
      dash: o.dash === 'nol' ? 'zero' : 'missing',
      set,
      ...(o.cakupan ? { cakupan: o.cakupan, jurisdiction: o.cakupan } : {}),
      ...(o.keepOutside ? { keepOutside: true } : {}),
      ...(o.recompute ? { recompute: true } : {}),
      ...(o.sheet !== undefined ? { sheet: sheetArg(o.sheet)! } : {}),
      ...(delimiter !== undefined ? { delimiter } : {}),
      ...(timeLimitSeconds !== undefined ? { timeLimitSeconds } : {}),
    });
  } catch (err) {
    if (err instanceof SameFileError) return usageError(lang, 'fix.same-file', { path: err.message });
    if (err instanceof ReadError) {
      printCoded(lang, err.code, { ...err.params, path: file });
      return EXIT_USAGE;
    }
    throw err;
  }
  const { plan, check } = result;
  const errors = check.issues.filter((i) => i.severity === 'error');
  const stdName = standard.info.id ?? o.schema ?? '';
  if (o.format === 'json') {
    process.stdout.write(JSON.stringify({
      $schema: 'satudata-fix/1',
      file,
      out: result.out,
      changeLog: result.changeLog,
      valid: result.valid,
      standard: stdName,
      ...(matched ? { standardChoice: 'matched' } : {}),
      rows: plan.rowCount,
      ...(plan.jurisdiction ? { jurisdiction: plan.jurisdiction } : {}),
      unmappedColumns: plan.unmappedColumns,
      changes: plan.changes,
      ...(plan.changeCount > plan.changes.length ? { changesNotListed: plan.changeCount - plan.changes.length } : {}),
      problems: plan.problems.map((p) => withWords(p, lang)),
      ...(plan.problemCount > plan.problems.length ? { problemsNotListed: plan.problemCount - plan.problems.length } : {}),
      check: { valid: check.valid, errors: check.stats.errors, issues: errors.map((i) => withWords(i, lang)) },
    }, null, 2) + '\n');
  } else {
    // one write at the end (a closed pipe such as `| head` then ends the output quietly)
    const lines: string[] = [];
    const w = (s: string) => lines.push(termSafe(s));
    if (matched) w(t(lang, 'fix.standard-matched', { standard: stdName }));
    w(t(lang, 'fix.written', { file, out: result.out, rows: plan.rowCount, changes: plan.changeCount, log: result.changeLog }));
    const byRule = plan.byRule;
    if (plan.unmappedColumns.length) {
      w('  ' + t(lang, 'fix.unmapped-columns', { count: plan.unmappedColumns.length }));
      for (const u of plan.unmappedColumns) w('    ' + t(lang, 'fix.unmapped-column', { column: u.column, label: u.label || '—', count: u.values }));
    }
    if (plan.jurisdiction) {
      const left = byRule.get('drop-outside-jurisdiction') ?? 0;
      if (left) w('  ' + t(lang, 'fix.outside-dropped', { count: left, cakupan: plan.jurisdiction.code }));
      if (plan.jurisdiction.kept) w('  ' + t(lang, 'fix.outside-kept', { count: plan.jurisdiction.kept, cakupan: plan.jurisdiction.code }));
    }
    if (byRule.size) {
      w('  ' + t(lang, 'fix.rules'));
      for (const [rule, n] of byRule) w(`    ${rule.padEnd(20)} ${n}`);
    }
    if (plan.problemCount) {
      w('  ' + t(lang, 'fix.problems', { count: plan.problemCount }));
      for (const p of plan.problems.slice(0, SHOWN)) {
        const r = renderIssue(p, lang);
        w(`  ✖ ${location(p).padEnd(8)} ${r.title}: ${r.message} [${p.code}]`);
        if (r.hint) w(`      ${r.hint}`);
      }
    }
    if (plan.problemCount > SHOWN) {
      // the JSON report lists the first PROBLEMS_KEPT; beyond them, problems are counted, not listed
      const listed = Math.min(plan.problemCount, plan.problems.length);
      if (plan.problemCount > listed) w(`  … ${t(lang, 'fix.more-counted', { count: Math.max(0, listed - SHOWN), rest: plan.problemCount - listed })}`);
      else w(`  … ${t(lang, 'fix.more', { count: listed - SHOWN, log: o.format })}`);
    }
    if (errors.length) {
      w('  ' + t(lang, 'fix.errors-left', { out: result.out, count: check.stats.errors }));
      const listed = errors.slice(0, ERRORS_SHOWN);
      for (const i of listed) {
        const r = renderIssue(i, lang);
        w(`  ✖ ${location(i).padEnd(8)} ${r.title}: ${r.message} [${i.code}]`);
      }
      // the count above is the count of errors: those not listed are said, never dropped silently
      if (check.stats.errors > listed.length) w(`  ${t(lang, 'fix.more-errors', { count: check.stats.errors - listed.length })}`);
    }
    if (result.valid) w(t(lang, 'fix.valid', { standard: stdName }));
    else if (check.valid) w(t(lang, 'fix.valid-source-problems', { standard: stdName, problems: plan.problemCount }));
    else w(t(lang, 'fix.invalid', { standard: stdName, errors: check.stats.errors, problems: plan.problemCount }));
    process.stdout.write(lines.join('\n') + '\n');
  }
  return result.valid ? EXIT_OK : EXIT_INVALID;
}

/** An issue with its title, message and hint in the language (the JSON output). */
function withWords<T extends Issue>(issue: T, lang: Lang): T & { title: string; message: string; hint: string } {
  const { title, message, hint } = renderIssue(issue, lang);
  return { ...issue, title, message, hint };
}
