/** Renders an issue's title, message and hint in a language, late, from the catalog. */
import type { Lang } from '../i18n/lang.js';
import { fill, phraseParams } from '../i18n/ui.js';
import { entry } from './catalog.js';
import { describeConstraint } from './describe-rule.js';
import type { Issue } from './issue.js';

export interface Rendered {
  title: string;
  message: string;
  hint: string;
  /** The message as a sentence that stands alone (where no title is shown before it). */
  sentence: string;
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
  // a broken constraint is said in words ("harus berbentuk 52.01.01: …"), never as schema terms
  if (typeof params.constraint === 'string' && base.rule === undefined) {
    base.rule = describeConstraint(params.constraint, String(params.limit ?? ''), lang, params.example === undefined ? undefined : String(params.example));
  }
  return phraseParams(lang, base);
}

export function renderIssue(issue: Issue, lang: Lang): Rendered {
  const e = entry(issue.code);
  const params = resolveParams(issue, lang);
  if (!e) return { title: issue.code, message: issue.code, hint: '', sentence: issue.code };
  const w = e[lang];
  const message = fill(w.message, params);
  // a message that is only its cause ("{reason}.") reads after its title
  const sentence = /^\{\w+\??\}\.?$/.test(w.message) ? `${w.title}: ${message}` : message;
  return { title: w.title, message, hint: fill(w.hint, params), sentence };
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
