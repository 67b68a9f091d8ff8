/** Renders an issue's title, message and hint in a language, late, from the catalog. */
import type { Lang } from '../i18n/lang.js';
import { fill, phraseParams } from '../i18n/ui.js';
import { entry } from './catalog.js';
import type { Issue } from './issue.js';

export interface Rendered {
  title: string;
  message: string;
  hint: string;
}

/** Resolves params that reference UI phrases (`@key` or `@key:argument`). */
export function resolveParams(issue: Issue, lang: Lang): Record<string, unknown> {
  const base: Record<string, unknown> = {
    field: issue.field,
    value: issue.value,
    cell: issue.cell,
    row: issue.row,
    line: issue.line ?? issue.row,
  };
  const params = issue.params ?? {};
  for (const [k, v] of Object.entries(params)) base[k] = v;
  return phraseParams(lang, base);
}

export function renderIssue(issue: Issue, lang: Lang): Rendered {
  const e = entry(issue.code);
  const params = resolveParams(issue, lang);
  if (!e) return { title: issue.code, message: issue.code, hint: '' };
  const w = e[lang];
  return { title: w.title, message: fill(w.message, params), hint: fill(w.hint, params) };
}

/** `Data!C15`, `C15` or '' — where an issue is. */
export function location(issue: Issue): string {
  const where = issue.cell ?? (issue.row !== undefined ? String(issue.row) : '');
  if (!where) return issue.sheet ? `${issue.sheet}` : '';
  return issue.sheet ? `${quoteSheet(issue.sheet)}!${where}` : where;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
