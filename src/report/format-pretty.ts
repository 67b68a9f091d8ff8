/** The terminal report: grouped by file and sheet, one line per issue, the hint once per code, a summary. */
import type { ChalkInstance } from 'chalk';
import { REGION_EDITION_TITLE } from '../standards/regions.js';
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import type { Issue, Report, TableReport } from './issue.js';
import { location, renderIssue } from './render.js';
import { termSafe } from './terminal-safe.js';
import { describeReading } from '../interpret/describe.js';

const ICON = { error: '✖', warning: '⚠', info: 'ℹ' } as const;

export interface PrettyOptions {
  lang: Lang;
  color: ChalkInstance;
  /** Show info-level issues (default true). */
  infos?: boolean;
}

export function formatPretty(report: Report, opts: PrettyOptions): string {
  const out: string[] = [];
  for (const table of report.tables) {
    // (a loop, not push(...lines): a table can have more issues than a call takes arguments)
    for (const line of formatTable(table, opts)) out.push(line);
    out.push('');
  }
  const s = report.stats;
  const c = opts.color;
  const verdict = report.valid ? c.green.bold(t(opts.lang, 'summary.valid')) : c.red.bold(t(opts.lang, 'summary.invalid'));
  out.push(`${verdict} — ${t(opts.lang, 'summary.line', { ...s })}`);
  // tables read with a standard that are not yet tidy: the command that tidies each (the last lines)
  for (const table of report.tables) {
    const std = table.standard?.id;
    // (not for standard input: fix reads a file, and the data piped in is gone)
    if (!std || table.unreadable || table.stats.errors + table.stats.warnings === 0 || table.path === '-') continue;
    const sheet = table.sheet && (report.tables.filter((x) => x.path === table.path).length > 1) ? ` --sheet "${table.sheet}"` : '';
    out.push(t(opts.lang, 'reading.next', { arg: `satudata rapikan ${table.path} --standard ${std}${sheet}` }));
  }
  return out.join('\n') + '\n';
}

function formatTable(table: TableReport, opts: PrettyOptions): string[] {
  const { lang, color: c } = opts;
  const lines: string[] = [];
  const title = termSafe(table.sheet ? `${table.path} › ${table.sheet}` : table.path);
  let head = c.bold.underline(title);
  if (table.standard) head += c.dim(`  (${t(lang, 'label.standard')}: ${termSafe(`${table.standard.id ?? table.standard.path ?? ''}${table.standard.version ? ' v' + table.standard.version : ''}`)})`);
  lines.push(head);
  const lay = table.layout;
  if (lay && (lay.headerRows.length || lay.dataRows)) {
    const parts: string[] = [];
    if (lay.headerRows.length) parts.push(t(lang, 'label.header', { rows: span(lay.headerRows) }));
    parts.push(lay.dataRows ? t(lang, 'label.data', lay.dataRows) : t(lang, 'label.nodata'));
    lines.push(c.dim(`  ${t(lang, 'label.layout')}: ${parts.join(', ')}`));
  }
  if (table.references?.wilayah) lines.push(c.dim(`  ${t(lang, 'label.region-edition', { edition: REGION_EDITION_TITLE })}`));
  const read = table.interpretation ? describeReading(table.interpretation, lang) : [];
  if (read.length) {
    lines.push(c.dim(`  ${t(lang, 'reading.title')}`));
    for (const l of read) lines.push(c.dim(`    ${l}`));
  }
  const hinted = new Set<string>();
  for (const issue of table.issues) {
    if (issue.severity === 'info' && opts.infos === false) continue;
    lines.push(...formatIssue(issue, opts, hinted));
  }
  if (table.columns && table.columns.length) {
    lines.push(c.dim(`  ${t(lang, 'label.columns')}:`));
    for (const col of table.columns) {
      const style = col.numberStyle ? ` [${col.numberStyle}]` : '';
      lines.push(c.dim(`    ${col.letter.padEnd(3)} ${termSafe((col.label || '—').slice(0, 40)).padEnd(40)} ${col.type}${style}`));
    }
  }
  if (table.truncated) lines.push(c.yellow(`  ${t(lang, 'summary.truncated', { limit: table.issues.length - 1 })}`));
  const verdict = table.valid ? c.green(`  ✔ ${t(lang, 'summary.valid')}`) : c.red(`  ✖ ${t(lang, 'summary.invalid')}`);
  lines.push(`${verdict} — ${t(lang, 'summary.table', { ...table.stats })}`);
  return lines;
}

function formatIssue(issue: Issue, opts: PrettyOptions, hinted: Set<string>): string[] {
  const c = opts.color;
  const r = renderIssue(issue, opts.lang);
  const paint = issue.severity === 'error' ? c.red : issue.severity === 'warning' ? c.yellow : c.blue;
  const where = termSafe(issue.cell ? location(issue) : issue.row !== undefined ? `${t(opts.lang, 'label.row')} ${issue.row}` : location(issue));
  const lines = [`  ${paint(ICON[issue.severity])} ${c.bold((where || t(opts.lang, 'label.file')).padEnd(8))} ${paint(r.title)}: ${termSafe(r.message)}${c.dim(` [${issue.code}]`)}`];
  const hintKey = `${issue.code}|${r.hint}`;
  if (r.hint && !hinted.has(hintKey)) {
    hinted.add(hintKey);
    lines.push(c.dim(`      ${t(opts.lang, 'label.hint')}: ${termSafe(r.hint)}`));
  }
  return lines;
}

function span(rows: number[]): string {
  return rows.length > 1 ? `${rows[0]}–${rows[rows.length - 1]}` : String(rows[0]);
}
