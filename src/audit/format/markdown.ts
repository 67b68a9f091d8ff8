/** Markdown summary (email, WhatsApp, git): headline, trend, per-OPD table, top of the overdue worklist, definitions. */
import type { Lang } from '../../i18n/lang.js';
import { t } from '../../i18n/ui.js';
import { mdEscape } from '../../report/escape.js';
import type { AuditReport } from '../model.js';
import { generatedLine, headlines, notes, sourceLine, sparkline, titleOf, trendLine } from './common.js';
import { cellText, changesTable, definitionsTable, frequencyTable, lateTable, linksTable, metadataTable, opdTable, summaryTable, type ReportTable } from './tables.js';

function mdTable(tb: ReportTable, lang: Lang, limit?: number, only?: number[]): string {
  const idx = only ?? tb.columns.map((_, i) => i);
  const head = `| ${idx.map((i) => mdEscape(tb.columns[i]!.label)).join(' | ')} |`;
  const sep = `|${idx.map((i) => (tb.columns[i]!.kind === 'text' || tb.columns[i]!.kind === 'date' ? '---' : '---:')).join('|')}|`;
  const rows = (limit ? tb.rows.slice(0, limit) : tb.rows).map((row) => `| ${idx.map((i) => mdEscape(cellText(lang, row[i] ?? null, tb.columns[i]!.kind))).join(' | ')} |`);
  const more = limit && tb.rows.length > limit ? [``, t(lang, 'audit.more', { count: tb.rows.length - limit })] : [];
  return [head, sep, ...rows, ...more].join('\n');
}

export function formatMarkdown(r: AuditReport, lang: Lang, opts: { worklistLimit?: number } = {}): string {
  const out: string[] = [];
  out.push(`# ${titleOf(r, lang)}`, '', `_${t(lang, 'audit.subtitle', { asOf: r.asOf, week: r.week })}_`, '');
  for (const h of headlines(r, lang)) out.push(`**${h}**`, '');
  for (const n of notes(r, lang)) out.push(`> ${n}`, '');
  const tl = trendLine(r, lang);
  if (tl) out.push(tl, '');
  if (r.history.length > 1) out.push(`${t(lang, 'audit.sec.trend')} (${t(lang, 'audit.col.pctPublished')}, ${r.history[0]!.week} → ${r.week}): \`${sparkline(r.history.map((p) => p.pctPublished))}\``, '');
  out.push(`## ${t(lang, 'audit.sec.summary')}`, '', mdTable(summaryTable(r, lang), lang), '');
  out.push(`## ${t(lang, 'audit.sec.opd')}`, '', mdTable(opdTable(r, lang), lang, undefined, r.trend ? [0, 1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13] : [0, 1, 2, 3, 4, 5, 6, 9, 10, 11]), '');
  out.push(`## ${t(lang, 'audit.sec.freq')}`, '', mdTable(frequencyTable(r, lang), lang), '');
  const late = lateTable(r, lang);
  out.push(`## ${t(lang, 'audit.sec.late')} (${late.rows.length})`, '', t(lang, 'audit.sec.late-note', { count: late.rows.length, overdue: r.totals.overdue, delinquent: r.totals.delinquent }), '',
    late.rows.length ? mdTable(late, lang, opts.worklistLimit ?? 25, [0, 1, 2, 3, 5, 6, 7, 8, 9]) : t(lang, 'audit.none'), '');
  if (r.trend) {
    const ch = changesTable(r, lang);
    out.push(`## ${t(lang, 'audit.sec.changes')} (${ch.rows.length})`, '', ch.rows.length ? mdTable(ch, lang, 25) : t(lang, 'audit.none'), '');
  }
  out.push(`## ${t(lang, 'audit.sec.metadata')}`, '', mdTable(metadataTable(r, lang), lang, 8), '');
  const links = linksTable(r, lang);
  if (links && r.links) {
    out.push(`## ${t(lang, 'audit.sec.links')} (${links.rows.length})`, '', t(lang, 'audit.sec.links-note', { broken: r.links.broken.length, checked: r.links.checked, failing: r.links.failing, threshold: r.links.threshold }), '',
      links.rows.length ? mdTable(links, lang, 25, [0, 1, 2, 5, 7, 8]) : t(lang, 'audit.none'), '');
  }
  out.push(`## ${t(lang, 'audit.sec.definitions')}`, '');
  for (const [term, def] of definitionsTable(r, lang).rows) out.push(`- **${term}**: ${def}`);
  out.push('', `_${sourceLine(r, lang)}. ${generatedLine(r, lang)}._`, '');
  return out.join('\n');
}
