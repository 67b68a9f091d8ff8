/** `satudata package`: options → standard → packageFile per file → summary lines → exit code. */
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import { PackageNameClash, PackageRefused, packageFile, type PackageResult, type StandardLike } from '../package/build.js';
import type { Severity } from '../report/issue.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from './context.js';
import { codedLine, delimiterOption, inputUnreadable, outputFolderMissing, printCoded, usageError } from './coded.js';
import { resolveStandardOption } from './standard-option.js';
import { sheetArg } from './options.js';
import { termSafe } from '../report/terminal-safe.js';

export interface PackageCliOptions {
  lang: Lang;
  version: string;
  schema?: string;
  standard?: string;
  standards?: string;
  out: string;
  sheet?: string;
  delimiter?: string;
  allowInvalid?: boolean;
  failOn: Severity;
  format: 'pretty' | 'json';
}

/** The clock: SOURCE_DATE_EPOCH (seconds) for reproducible builds, else now. */
export function packageClock(env: NodeJS.ProcessEnv = process.env): Date {
  const s = env.SOURCE_DATE_EPOCH;
  return s && /^\d+$/.test(s) ? new Date(Number(s) * 1000) : new Date();
}

export async function runPackage(files: string[], o: PackageCliOptions): Promise<number> {
  const lang = o.lang;
  const chosen = await resolveStandardOption(o, lang);
  if (typeof chosen === 'number') return chosen;
  const given: StandardLike | undefined = chosen.standard ?? (chosen.schema && { schema: chosen.schema, path: o.schema });
  if (o.out.toLowerCase().endsWith('.zip') && files.length > 1) {
    return usageError(lang, 'pkg.zip-one-file');
  }
  if (await outputFolderMissing(o.out.replace(/[\\/]+$/, ''), lang)) return EXIT_USAGE;
  // a file argument that cannot be opened is one coded line on stderr, before anything is packaged
  if (await inputUnreadable(files, lang)) return EXIT_USAGE;
  const sheet = sheetArg(o.sheet);
  const delimiter = delimiterOption(o.delimiter, lang);
  if (delimiter === null) return EXIT_USAGE;
  const now = packageClock();
  let code = EXIT_OK;
  const taken = new Map<string, string>();
  const done: { file: string; result?: PackageResult; refused?: boolean; unreadable?: boolean; errors?: number }[] = [];
  // without --standard/--schema: per file, the standard validate would choose when one clearly fits (said), else refused
  const catalog = given ? undefined : (await import('../standards/resolve.js')).catalogFor(o.standards);
  for (const file of files) {
    let standard = given;
    if (!standard) {
      const { standardForFile } = await import('../interpret/choose-file.js');
      const found = await standardForFile(file, (await catalog!).standards, {
        ...(sheet !== undefined ? { sheet } : {}),
        ...(delimiter !== undefined ? { delimiter } : {}),
      });
      if (!found) {
        code = usageError(lang, 'fix.need-standard', { file });
        done.push({ file, refused: true });
        continue;
      }
      standard = found;
      if (o.format === 'pretty') process.stdout.write(`${termSafe(t(lang, 'pkg.standard-matched', { file, standard: found.info.id }))}\n`);
    }
    try {
      const result = await packageFile(file, o.out, {
        standard, lang, version: o.version, now, failOn: o.failOn, taken,
        ...(sheet !== undefined ? { sheet } : {}),
        ...(delimiter !== undefined ? { delimiter } : {}),
        ...(o.allowInvalid ? { allowInvalid: true } : {}),
      });
      done.push({ file, result });
      if (o.format === 'pretty') {
        process.stdout.write(`✔ ${termSafe(t(lang, 'pkg.written', { file, name: result.name, path: result.path, rows: (result.descriptor['satudata:provenance'] as { report: { data_rows: number } }).report.data_rows }))}\n`);
        for (const n of result.notes) process.stdout.write(`  ⚠ ${codedLine(lang, n.code, n.params ?? {})}\n`);
      }
    } catch (err) {
      if (err instanceof PackageNameClash) {
        printCoded(lang, 'package-name-clash', { name: err.packageName, first: err.first, second: err.second });
        code = EXIT_USAGE;
        continue;
      }
      if (!(err instanceof PackageRefused)) throw err;
      const table = err.report.tables[0];
      const unreadable = !!table?.unreadable;
      done.push({ file, refused: true, unreadable, errors: err.report.stats.errors });
      if (o.format === 'pretty') {
        const { formatPretty } = await import('../report/format-pretty.js');
        const { Chalk } = await import('chalk');
        process.stdout.write(formatPretty(err.report, { lang, color: new Chalk({ level: 0 }), infos: false }));
      }
      if (unreadable) code = EXIT_USAGE;
      else {
        printCoded(lang, 'package-invalid', { file, errors: err.report.stats.errors });
        code = Math.max(code, EXIT_INVALID);
      }
    }
  }
  if (o.format === 'json') {
    process.stdout.write(JSON.stringify({
      packages: done.map((d) => d.result
        ? { file: d.file, name: d.result.name, path: d.result.path, valid: d.result.valid, notes: d.result.notes.map((n) => n.code) }
        : { file: d.file, refused: true, errors: d.errors ?? 0, ...(d.unreadable ? { unreadable: true } : {}) }),
    }, null, 2) + '\n');
  }
  return code;
}
