/**
 * One self-contained HTML page (no external assets, no network): inline CSS and SVG charts, sortable tables
 * (a few lines of inline JS, optional), print CSS so the page can be saved as PDF evidence.
 */
import type { Lang } from '../../i18n/lang.js';
import { t } from '../../i18n/ui.js';
import type { AuditReport } from '../model.js';
import { generatedLine, headlines, notes, sourceLine, sparkline, titleOf, trendLine } from './common.js';
import { escHtml } from '../../report/escape.js';
import { funnelSvg, heatSvg, opdBarsSvg, trendSvg, BAND_COLOUR } from './svg.js';
import { cellText, changesTable, definitionsTable, frequencyTable, itemsTable, lateTable, linksTable, metadataTable, opdTable, summaryTable, type ReportTable } from './tables.js';

const CSS = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1100px;color:#222;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:2px solid #1565c0;padding-bottom:2px}
.sub{color:#555;margin:0 0 12px}.head{font-size:16px;font-weight:600;margin:6px 0}.note{background:#fff3cd;border-left:4px solid #f9a825;padding:6px 10px;margin:8px 0}
table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:12.5px}th,td{border:1px solid #ccd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#e8eef8;cursor:pointer;position:sticky;top:0}td.n{text-align:right;font-variant-numeric:tabular-nums}
.chart{max-width:100%;height:auto;font-size:11px;margin:4px 0 10px}.chart .in{font-size:9px;fill:#111}.small{font-size:10px}
.band{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;vertical-align:middle}
footer{color:#666;font-size:12px;margin-top:24px}dl dt{font-weight:600;margin-top:6px}dl dd{margin:0 0 0 16px}
@media print{body{margin:0;max-width:none;font-size:11px}th{position:static;cursor:auto}h2{break-after:avoid}table,svg{break-inside:auto}tr{break-inside:avoid}.noprint{display:none}}`;

const SORT_JS = `document.querySelectorAll('table.sort th').forEach(function(th,i){th.addEventListener('click',function(){var tb=th.closest('table').tBodies[0],rows=[].slice.call(tb.rows),asc=th.dataset.dir!=='asc';th.dataset.dir=asc?'asc':'desc';rows.sort(function(a,b){var x=a.cells[i].dataset.v!==undefined?+a.cells[i].dataset.v:a.cells[i].textContent,y=b.cells[i].dataset.v!==undefined?+b.cells[i].dataset.v:b.cells[i].textContent;return (x>y?1:x<y?-1:0)*(asc?1:-1)});rows.forEach(function(r){tb.appendChild(r)})})});`;

function htmlTable(tb: ReportTable, lang: Lang, only?: number[]): string {
  const idx = only ?? tb.columns.map((_, i) => i);
  const head = idx.map((i) => `<th>${escHtml(tb.columns[i]!.label)}</th>`).join('');
  const body = tb.rows.map((row) => `<tr>${idx.map((i) => {
    const c = row[i] ?? null, kind = tb.columns[i]!.kind;
    const text = escHtml(cellText(lang, c, kind));
    if (tb.columns[i]!.key === 'band' && typeof c === 'string') {
      const k = (Object.keys(BAND_COLOUR) as (keyof typeof BAND_COLOUR)[]).find((b) => c.startsWith(b) || c.startsWith({ hijau: 'green', biru: 'blue', kuning: 'amber' }[b]));
      return `<td>${k ? `<span class="band" style="background:${BAND_COLOUR[k]}"></span>` : ''}${text}</td>`;
    }
    return typeof c === 'number' ? `<td class="n" data-v="${c}">${text}</td>` : `<td>${text}</td>`;
  }).join('')}</tr>`).join('\n');
  return `<table class="sort"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function formatHtml(r: AuditReport, lang: Lang): string {
  const title = titleOf(r, lang);
  const parts: string[] = [];
  parts.push(`<h1>${escHtml(title)}</h1><p class="sub">${escHtml(t(lang, 'audit.subtitle', { asOf: r.asOf, week: r.week }))}</p>`);
  for (const h of headlines(r, lang)) parts.push(`<p class="head">${escHtml(h)}</p>`);
  for (const n of notes(r, lang)) parts.push(`<p class="note">${escHtml(n)}</p>`);
  const tl = trendLine(r, lang);
  if (tl) parts.push(`<p>${escHtml(tl)}</p>`);
  parts.push(`<h2>${escHtml(t(lang, 'audit.sec.funnel'))}</h2>${funnelSvg(r, lang)}`, htmlTable(summaryTable(r, lang), lang));
  if (r.history.length > 1) parts.push(`<h2>${escHtml(t(lang, 'audit.sec.trend'))} <span title="${escHtml(t(lang, 'audit.col.pctPublished'))}">${sparkline(r.history.map((p) => p.pctPublished))}</span></h2>${trendSvg(r, lang)}`);
  parts.push(`<h2>${escHtml(t(lang, 'audit.sec.opd'))}</h2>${opdBarsSvg(r, lang)}`, htmlTable(opdTable(r, lang), lang, r.trend ? undefined : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
  parts.push(`<h2>${escHtml(t(lang, 'audit.sec.heat'))}</h2>${heatSvg(r, lang)}`);
  parts.push(`<h2>${escHtml(t(lang, 'audit.sec.freq'))}</h2>`, htmlTable(frequencyTable(r, lang), lang));
  const a = r.ageing;
  parts.push(`<h2>${escHtml(t(lang, 'audit.sec.ageing'))}</h2><p>≤7: <b>${a['0-7']}</b> · 8–30: <b>${a['8-30']}</b> · 31–90: <b>${a['31-90']}</b> · &gt;90: <b>${a['>90']}</b></p>`);
  const late = lateTable(r, lang);
  parts.push(`<h2>${escHtml(t(lang, 'audit.sec.late'))} (${late.rows.length})</h2><p>${escHtml(t(lang, 'audit.sec.late-note', { count: late.rows.length, overdue: r.totals.overdue, delinquent: r.totals.delinquent }))}</p>`, late.rows.length ? htmlTable(late, lang, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) : `<p>${escHtml(t(lang, 'audit.none'))}</p>`);
  if (r.trend) {
    const ch = changesTable(r, lang);
    parts.push(`<h2>${escHtml(t(lang, 'audit.sec.changes'))} (${ch.rows.length})</h2>`, ch.rows.length ? htmlTable(ch, lang) : `<p>${escHtml(t(lang, 'audit.none'))}</p>`);
  }
  parts.push(`<h2>${escHtml(t(lang, 'audit.sec.metadata'))}</h2>`, htmlTable(metadataTable(r, lang), lang));
  const links = linksTable(r, lang);
  if (links && r.links) {
    parts.push(`<h2>${escHtml(t(lang, 'audit.sec.links'))} (${links.rows.length})</h2><p>${escHtml(t(lang, 'audit.sec.links-note', { broken: r.links.broken.length, checked: r.links.checked, failing: r.links.failing, threshold: r.links.threshold }))}</p>`,
      links.rows.length ? htmlTable(links, lang) : `<p>${escHtml(t(lang, 'audit.none'))}</p>`);
  }
  if (r.opdFilter) parts.push(`<h2>${escHtml(t(lang, 'audit.sec.items'))}</h2>`, htmlTable(itemsTable(r, lang), lang));
  parts.push(`<h2>${escHtml(t(lang, 'audit.sec.definitions'))}</h2><dl>${definitionsTable(r, lang).rows.map(([k, v]) => `<dt>${escHtml(String(k))}</dt><dd>${escHtml(String(v))}</dd>`).join('')}</dl>`);
  parts.push(`<footer>${escHtml(sourceLine(r, lang))}.<br>${escHtml(generatedLine(r, lang))}.</footer>`);
  return `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escHtml(`${title} — ${r.week}`)}</title><style>${CSS}</style></head>\n<body>\n${parts.join('\n')}\n<script>${SORT_JS}</script>\n</body></html>\n`;
}
