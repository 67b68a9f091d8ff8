/** `satudata validate`: options → validateFile per file → one report → formatter → exit code. */
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import { validateFile } from '../check/validate-file.js';
import { buildReport, exitCode } from '../report/build.js';
import type { Severity, TableReport } from '../report/issue.js';
import { SchemaError, type TableSchema } from '../standards/schema.js';
import { loadSchemaOrStandard, standardById, StandardNotFound, catalogFor } from '../standards/resolve.js';
import type { Standard } from '../standards/standard.js';
import { renderIssue } from '../report/render.js';
import { EXIT_USAGE } from './context.js';
import { createProgress } from './progress.js';

export interface ValidateCliOptions {
  lang: Lang;
  version: string;
  schema?: string;
  standard?: string;
  standards?: string;
  sheet?: string;
  delimiter?: string;
  format: 'pretty' | 'json';
  maxErrors: string;
  failOn: Severity;
  infos: boolean;
}

export async function runValidate(files: string[], o: ValidateCliOptions): Promise<number> {
  const started = performance.now();
  const maxErrors = Number(o.maxErrors);
  if (!Number.isInteger(maxErrors) || maxErrors < 1) {
    process.stderr.write(`satudata: ${t(o.lang, 'cli.bad-number', { option: '--max-errors', value: o.maxErrors })}\n`);
    return EXIT_USAGE;
  }
  if (o.delimiter !== undefined && o.delimiter !== '\\t' && o.delimiter.length !== 1) {
    process.stderr.write(`satudata: ${t(o.lang, 'cli.bad-choice', { option: '--delimiter', choices: ', ; | \\t', value: o.delimiter })}\n`);
    return EXIT_USAGE;
  }
  let schema: TableSchema | undefined;
  let dataStandard: Standard | undefined;
  try {
    if (o.standards) await catalogFor(o.standards);
    if (o.schema) ({ schema, standard: dataStandard } = await loadSchemaOrStandard(o.schema));
    else if (o.standard) dataStandard = await standardById(o.standard, o.standards);
  } catch (err) {
    if (err instanceof StandardNotFound) {
      process.stderr.write(`satudata: [standard-not-found] ${t(o.lang, 'cli.standard-not-found', { id: err.id, available: err.available.join(', ') || '—' })}\n`);
      return EXIT_USAGE;
    }
    if (!(err instanceof SchemaError)) throw err;
    const r = renderIssue({ code: 'schema-error', severity: 'error', params: { path: err.path, detail: err.detail } }, o.lang);
    process.stderr.write(`satudata: [schema-error] ${r.message}\n  ${r.hint}\n`);
    return EXIT_USAGE;
  }
  const sheet = o.sheet === undefined ? undefined : /^\d+$/.test(o.sheet) ? Number(o.sheet) : o.sheet;
  const delimiter = o.delimiter === '\\t' ? '\t' : o.delimiter;
  const progress = createProgress(o.lang);
  const tables: TableReport[] = [];
  for (const file of files) {
    tables.push(...await validateFile(file, {
      schema,
      dataStandard,
      autoStandard: schema || dataStandard ? false : { dir: o.standards },
      ...(o.schema && !dataStandard ? { standard: { path: o.schema, ...(schema?.title ? { title: schema.title as string } : {}) } } : {}),
      maxErrors,
      sheet,
      delimiter,
      onProgress: (rows) => progress.update(file, rows),
    }));
    progress.stop();
  }
  const report = buildReport(tables, { lang: o.lang, failOn: o.failOn, version: o.version, seconds: (performance.now() - started) / 1000 });
  if (o.format === 'json') {
    const { formatJson } = await import('../report/format-json.js');
    process.stdout.write(formatJson(report, o.lang));
  } else {
    const { formatPretty } = await import('../report/format-pretty.js');
    const { Chalk } = await import('chalk');
    const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '' && !process.env.FORCE_COLOR;
    const color = noColor ? new Chalk({ level: 0 }) : new Chalk();
    process.stdout.write(formatPretty(report, { lang: o.lang, color, infos: o.infos }));
  }
  return exitCode(report);
}
