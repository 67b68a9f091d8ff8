/**
 * A pull-request comment in GitHub/GitLab Markdown: a verdict, a summary table (one row per file/sheet),
 * then, per table with issues, a collapsible <details> block with the first issues. User text is escaped so
 * that a cell value cannot break the table, inject HTML or mention people.
 */
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import type { Report, TableReport } from './issue.js';
import { mdEscape } from './escape.js';
import { location, renderIssue } from './render.js';

export interface MarkdownOptions {
  lang: Lang;
  /** Issues shown per table (default 20). */
  perTable?: number;
  infos?: boolean;
}

const ICON = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const;

export function formatMarkdown(report: Report, opts: MarkdownOptions): string {
  const { lang } = opts;
  const per = opts.perTable ?? 20;
  const s = report.stats;
  const out: string[] = [];
  const verdict = report.valid ? `✅ **${t(lang, 'summary.valid')}**` : `❌ **${t(lang, 'summary.invalid')}**`;
  out.push(`### satudata — ${verdict}`, '', t(lang, 'summary.line', { ...s }), '');
  out.push(`| ${t(lang, 'md.file')} | ${t(lang, 'md.standard')} | ${t(lang, 'md.dataRows')} | ${t(lang, 'severity.error')} | ${t(lang, 'severity.warning')} | ${t(lang, 'md.result')} |`);
  out.push('|---|---|---:|---:|---:|:---:|');
  for (const table of report.tables) {
    const std = table.standard ? mdEscape(`${table.standard.id ?? table.standard.path ?? ''}${table.standard.version ? '@' + table.standard.version : ''}`) : '—';
    out.push(`| ${mdEscape(title(table))} | ${std} | ${table.stats.dataRows} | ${table.stats.errors} | ${table.stats.warnings} | ${table.valid ? '✅' : '❌'} |`);
  }
  for (const table of report.tables) {
    const shown = table.issues.filter((i) => opts.infos || i.severity !== 'info');
    if (!shown.length) continue;
    out.push('', `<details${table.valid ? '' : ' open'}><summary>${table.valid ? '✅' : '❌'} ${mdEscape(title(table))} — ${table.stats.errors} ${t(lang, 'severity.error')}, ${table.stats.warnings} ${t(lang, 'severity.warning')}</summary>`, '');
    for (const issue of shown.slice(0, per)) {
      const r = renderIssue(issue, lang);
      const where = location({ ...issue, sheet: issue.sheet ?? table.sheet }) || t(lang, 'label.file');
      out.push(`- ${ICON[issue.severity]} \`${where.replace(/`/g, "'")}\` **${mdEscape(r.title)}**: ${mdEscape(r.message)} \`${issue.code}\``);
    }
    if (shown.length > per) out.push(`- ${mdEscape(t(lang, 'label.more', { count: shown.length - per }))}`);
    out.push('', '</details>');
  }
  return out.join('\n') + '\n';
}

function title(table: TableReport): string {
  return table.sheet ? `${table.path} › ${table.sheet}` : table.path;
}
