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
  const r = renderIssue({ code, severity: entry(code)?.severity ?? 'error', params }, lang);
  return `[${code}] ${termSafe(r.message)}${r.hint ? `\n    ${termSafe(r.hint)}` : ''}`;
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
