/**
 * The one way a command reports an expected failure: a coded line `satudata: [code] message` (with the hint of
 * catalog codes) on stderr, in the user's language, and the exit code to return.
 */
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import { entry } from '../report/catalog.js';
import { renderIssue } from '../report/render.js';
import { termSafe, termParams } from '../report/terminal-safe.js';
import { EXIT_USAGE } from './context.js';

/** A catalog code rendered as `[code] message` and its hint on the next line. */
export function codedLine(lang: Lang, code: string, params: Record<string, string | number>): string {
  const e = entry(code);
  const r = renderIssue({ code, severity: e?.severity ?? 'error', params }, lang);
  // the file a message is about, when the message itself does not name it
  const subject = typeof params.path === 'string' && !(e?.[lang].message ?? '').includes('{path}') ? `${termSafe(params.path)}: ` : '';
  return `[${code}] ${subject}${termSafe(r.sentence)}${r.hint ? `\n    ${termSafe(r.hint)}` : ''}`;
}

export function printCoded(lang: Lang, code: string, params: Record<string, string | number>): void {
  process.stderr.write(`satudata: ${codedLine(lang, code, params)}\n`);
}

/** `satudata: [code] text` for a CLI message (i18n key) that is not an issue of the catalog; returns EXIT_USAGE. */
export function cliError(lang: Lang, code: string, key: string, params: Record<string, unknown> = {}): number {
  process.stderr.write(`satudata: [${code}] ${t(lang, key, termParams(params))}\n`);
  return EXIT_USAGE;
}

/** A wrong option or argument: `satudata: [usage-error] text`; returns EXIT_USAGE. */
export function usageError(lang: Lang, key: string, params: Record<string, unknown> = {}): number {
  return cliError(lang, 'usage-error', key, params);
}

/**
 * A positive number option (an integer unless `real`, at most `max`): the number, undefined when not given, or
 * null after printing the usage error.
 */
export function positiveOption(value: string | number | undefined, option: string, lang: Lang, opts: { real?: boolean; max?: number } = {}): number | null | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (!opts.real && !Number.isInteger(n)) || (opts.max !== undefined && n > opts.max)) {
    const key = opts.max !== undefined ? 'cli.bad-number-max' : opts.real ? 'cli.bad-number-real' : 'cli.bad-number';
    usageError(lang, key, { option, value: String(value), max: opts.max });
    return null;
  }
  return n;
}

/**
 * `--delimiter`: one character that is not a quote, a line break or a letter/digit, with `\t` typed as two
 * characters meaning a tab. The delimiter, undefined when not given, or null after printing the usage error.
 */
export function delimiterOption(value: string | undefined, lang: Lang): string | undefined | null {
  if (value === undefined) return undefined;
  const d = value === '\\t' ? '\t' : value;
  if (d.length === 1 && !/["'\r\n\p{L}\p{N}]/u.test(d)) return d;
  usageError(lang, 'cli.bad-choice', { option: '--delimiter', choices: ', ; | \\t', value });
  return null;
}

/**
 * An output path whose folder does not exist: a coded `output-error` (folders are never made silently, so a typo
 * in `--output /no/such/dir/x.json` is caught). True after printing the error. A folder output (`--out DIR`) may
 * itself be new: its parent must exist.
 */
export async function outputFolderMissing(path: string | undefined, lang: Lang): Promise<boolean> {
  if (!path) return false;
  const { stat } = await import('node:fs/promises');
  const { dirname } = await import('node:path');
  const folder = dirname(path);
  const st = await stat(folder).catch((err: NodeJS.ErrnoException) => err);
  if (st instanceof Error) {
    const { fsReason } = await import('../io/fs-reason.js');
    printCoded(lang, 'output-error', { path, reason: st.code === 'ENOENT' ? '@reason.no-folder' : fsReason(st) });
    return true;
  }
  if (!st.isDirectory()) {
    printCoded(lang, 'output-error', { path, reason: '@reason.not-directory' });
    return true;
  }
  return false;
}

/**
 * The first of `files` that cannot be opened as a data file (missing, a folder, unreadable): its coded line on
 * stderr, before anything is asked or written. True after printing.
 */
export async function inputUnreadable(files: string[], lang: Lang): Promise<boolean> {
  const { statSource } = await import('../read/open.js');
  const { ReadError } = await import('../read/table.js');
  for (const file of files) {
    try {
      await statSource(file);
    } catch (err) {
      if (!(err instanceof ReadError)) throw err;
      printCoded(lang, err.code, { ...err.params, path: file });
      return true;
    }
  }
  return false;
}
