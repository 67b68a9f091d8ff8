/** The human-readable validation report inside a package: one self-contained HTML page (no scripts). */
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import type { Report } from '../report/issue.js';
import { location, renderIssue } from '../report/render.js';
import { escHtml } from '../report/escape.js';

const esc = (s: unknown) => escHtml(String(s ?? ''));

export function formatHtmlReport(report: Report, lang: Lang, title: string): string {
  const out: string[] = [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(title)}</title>`,
    '<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}.error{color:#b00}.warning{color:#a60}</style>',
    '</head><body>',
    `<h1>${esc(title)}</h1>`,
    `<p><strong>${esc(t(lang, report.valid ? 'summary.valid' : 'summary.invalid'))}</strong> — ${esc(t(lang, 'summary.line', { ...report.stats }))}</p>`,
  ];
  for (const table of report.tables) {
    out.push(`<h2>${esc(table.sheet ? `${table.path} › ${table.sheet}` : table.path)}</h2>`);
    out.push(`<p>${esc(t(lang, 'summary.table', { ...table.stats }))}</p>`);
    if (table.issues.length === 0) continue;
    out.push(`<table><thead><tr><th>${esc(t(lang, 'pkg.html.where'))}</th><th>${esc(t(lang, 'pkg.html.level'))}</th><th>${esc(t(lang, 'pkg.html.problem'))}</th><th>${esc(t(lang, 'label.hint'))}</th><th>${esc(t(lang, 'pkg.html.code'))}</th></tr></thead><tbody>`);
    for (const issue of table.issues) {
      const r = renderIssue(issue, lang);
      out.push(`<tr class="${issue.severity}"><td>${esc(location(issue))}</td><td>${esc(t(lang, `severity.${issue.severity}`))}</td><td>${esc(r.title)}: ${esc(r.message)}</td><td>${esc(r.hint)}</td><td><code>${esc(issue.code)}</code></td></tr>`);
    }
    out.push('</tbody></table>');
  }
  out.push('</body></html>', '');
  return out.join('\n');
}
