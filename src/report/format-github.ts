/**
 * GitHub Actions workflow commands: one `::error file=…,line=…,col=…,title=…::message` per issue
 * (`::warning` / `::notice` for the other severities), then a summary line. CSV issues point at their line;
 * for workbooks there is no line in the file, so the cell (`Data!C15`) is written into the message.
 * Escaping follows the workflow-command rules: data escapes `%` `\r` `\n`; properties also `:` and `,`.
 */
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import type { Issue, Report, TableReport } from './issue.js';
import { location, renderIssue } from './render.js';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

export interface GithubOptions {
  lang: Lang;
  /** Include info-level issues as notices (default false: they clutter the pull request). */
  infos?: boolean;
}

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(report: Report, opts: GithubOptions): string {
  const out: string[] = [];
  for (const table of report.tables) {
    for (const issue of table.issues) {
      if (issue.severity === 'info' && !opts.infos) continue;
      out.push(issueLine(table, issue, opts.lang));
    }
  }
  const verdict = t(opts.lang, report.valid ? 'summary.valid' : 'summary.invalid');
  out.push(`${verdict} — ${t(opts.lang, 'summary.line', { ...report.stats })}`);
  return out.join('\n') + '\n';
}

function issueLine(table: TableReport, issue: Issue, lang: Lang): string {
  const r = renderIssue(issue, lang);
  const props: string[] = [`file=${escapeProperty(table.path.replace(/\\/g, '/'))}`];
  const isText = table.format === 'csv' || (table.format === undefined && /\.(csv|tsv|txt)$/i.test(table.path));
  let message = r.sentence;
  if (isText) {
    const line = issue.line ?? issue.row;
    if (line !== undefined) props.push(`line=${line}`);
    if (line !== undefined && issue.col !== undefined) props.push(`col=${issue.col}`);
  } else {
    const where = issue.cell || issue.row !== undefined ? location({ ...issue, sheet: issue.sheet ?? table.sheet }) : table.sheet ?? '';
    if (where) message = `${where}: ${message}`;
  }
  props.push(`title=${escapeProperty(`${r.title} [${issue.code}]`)}`);
  if (r.hint) message += `\n${t(lang, 'label.hint')}: ${r.hint}`;
  return `::${COMMAND[issue.severity]} ${props.join(',')}::${escapeData(message)}`;
}
