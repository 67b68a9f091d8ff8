/** One coded line (and its hint) for an expected failure of package, push or config: `satudata: [code] message`. */
import type { Lang } from '../i18n/lang.js';
import { entry } from '../report/catalog.js';
import { renderIssue } from '../report/render.js';

export function codedLine(lang: Lang, code: string, params: Record<string, string | number>): string {
  const r = renderIssue({ code, severity: entry(code)?.severity ?? 'error', params }, lang);
  return `[${code}] ${r.message}${r.hint ? `\n    ${r.hint}` : ''}`;
}

export function printCoded(lang: Lang, code: string, params: Record<string, string | number>): void {
  process.stderr.write(`satudata: ${codedLine(lang, code, params)}\n`);
}
