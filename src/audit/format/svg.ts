/** Inline SVG charts for the HTML report: funnel bars, per-OPD bars by colour band, trend lines, heat map. */
import type { Lang } from '../../i18n/lang.js';
import { t } from '../../i18n/ui.js';
import type { AuditReport } from '../model.js';
import { escHtml } from '../../report/escape.js';
import { freqLabel, num } from './tables.js';

export const BAND_COLOUR = { hijau: '#2e7d32', biru: '#1565c0', kuning: '#f9a825' } as const;

export function funnelSvg(r: AuditReport, lang: Lang): string {
  const f = r.totals.funnel;
  const stages = [['wajib', f.wajib, 100], ['terdaftar', f.terdaftar, r.totals.pctRegistered], ['terkumpul', f.terkumpul, r.totals.pctCollected], ['tervalidasi', f.tervalidasi, r.totals.pctValidated], ['terpublikasi', f.terpublikasi, r.totals.pctPublished]] as const;
  const W = 640, bar = 26, gap = 8, left = 170;
  const rows = stages.map(([k, n, p], i) => {
    const y = i * (bar + gap);
    const w = Math.max(1, ((W - left - 110) * p) / 100);
    return `<text x="${left - 8}" y="${y + 18}" text-anchor="end">${escHtml(t(lang, `audit.stage.${k}`))}</text><rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${bar}" fill="#1565c0" opacity="${(1 - i * 0.12).toFixed(2)}"/><text x="${(left + w + 6).toFixed(1)}" y="${y + 18}">${n} (${num(lang, p)}%)</text>`;
  });
  return `<svg class="chart" role="img" aria-label="${escHtml(t(lang, 'audit.sec.funnel'))}" viewBox="0 0 ${W} ${stages.length * (bar + gap)}" width="${W}">${rows.join('')}</svg>`;
}

export function opdBarsSvg(r: AuditReport, lang: Lang): string {
  const W = 720, bar = 14, gap = 4, left = 150;
  const rows = r.opd.map((o, i) => {
    const y = i * (bar + gap);
    const w = Math.max(1, ((W - left - 60) * o.pctPublished) / 100);
    return `<text x="${left - 6}" y="${y + 11}" text-anchor="end">${escHtml(o.singkatan)}</text><rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${bar}" fill="${BAND_COLOUR[o.band]}"><title>${escHtml(o.nama)}: ${num(lang, o.pctPublished)}%</title></rect><text x="${(left + w + 4).toFixed(1)}" y="${y + 11}">${num(lang, o.pctPublished)}%</text>`;
  });
  const h = r.opd.length * (bar + gap);
  const x = (p: number) => (left + ((W - left - 60) * p) / 100).toFixed(1);
  const guides = [50, 80].map((p) => `<line x1="${x(p)}" y1="0" x2="${x(p)}" y2="${h}" stroke="#999" stroke-dasharray="3 3"/>`).join('');
  return `<svg class="chart small" role="img" aria-label="${escHtml(t(lang, 'audit.col.pctPublished'))}" viewBox="0 0 ${W} ${h}" width="${W}">${guides}${rows.join('')}</svg>`;
}

export function trendSvg(r: AuditReport, lang: Lang): string {
  const pts = r.history;
  const W = 640, H = 200, pad = 36;
  if (pts.length < 2) return '';
  const all = pts.flatMap((p) => [p.pctCollected, p.pctPublished]);
  const lo = Math.max(0, Math.floor(Math.min(...all) / 5) * 5 - 5), hi = Math.min(100, Math.ceil(Math.max(...all) / 5) * 5 + 5);
  const x = (i: number) => pad + (i * (W - 2 * pad)) / (pts.length - 1);
  const y = (v: number) => H - pad - ((v - lo) / (hi - lo || 1)) * (H - 2 * pad);
  const line = (key: 'pctCollected' | 'pctPublished', colour: string) =>
    `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${pts.map((p, i) => `${x(i).toFixed(1)},${y(p[key]).toFixed(1)}`).join(' ')}"/>` +
    pts.map((p, i) => `<circle cx="${x(i).toFixed(1)}" cy="${y(p[key]).toFixed(1)}" r="3" fill="${colour}"><title>${p.week}: ${num(lang, p[key])}%</title></circle>`).join('');
  const labels = pts.map((p, i) => `<text x="${x(i).toFixed(1)}" y="${H - 12}" text-anchor="middle">${p.week.slice(5)}</text>`).join('');
  const axis = [lo, hi].map((v) => `<text x="4" y="${y(v) + 4}">${v}%</text>`).join('');
  const legend = `<text x="${pad}" y="14" fill="#1565c0">■ ${escHtml(t(lang, 'audit.col.pctCollected'))}</text><text x="${pad + 170}" y="14" fill="#2e7d32">■ ${escHtml(t(lang, 'audit.col.pctPublished'))}</text>`;
  return `<svg class="chart" role="img" aria-label="${escHtml(t(lang, 'audit.sec.trend'))}" viewBox="0 0 ${W} ${H}" width="${W}">${legend}${axis}${labels}${line('pctCollected', '#1565c0')}${line('pctPublished', '#2e7d32')}</svg>`;
}

function heatColour(p: number): string {
  // red (0) → amber (50) → green (100)
  const hue = Math.round((p / 100) * 120);
  return `hsl(${hue}, 65%, 55%)`;
}

export function heatSvg(r: AuditReport, lang: Lang): string {
  const freqs = [...new Set(r.heat.map((h) => h.frekuensi))];
  const opds = r.opd.map((o) => o.kode);
  const cell = 62, rowH = 16, left = 150, top = 20;
  const name = new Map(r.opd.map((o) => [o.kode, o.singkatan]));
  const byKey = new Map(r.heat.map((h) => [`${h.opd}|${h.frekuensi}`, h]));
  const head = freqs.map((f, j) => `<text x="${left + j * cell + cell / 2}" y="14" text-anchor="middle">${escHtml(freqLabel(lang, f))}</text>`).join('');
  const body = opds.map((o, i) => `<text x="${left - 6}" y="${top + i * rowH + 12}" text-anchor="end">${escHtml(name.get(o) ?? o)}</text>` + freqs.map((f, j) => {
    const h = byKey.get(`${o}|${f}`);
    if (!h) return '';
    return `<rect x="${left + j * cell}" y="${top + i * rowH}" width="${cell - 2}" height="${rowH - 2}" fill="${heatColour(h.pctPublished)}"><title>${escHtml(name.get(o) ?? o)} · ${escHtml(freqLabel(lang, f))}: ${num(lang, h.pctPublished)}% (${h.items})</title></rect><text x="${left + j * cell + cell / 2 - 1}" y="${top + i * rowH + 11}" text-anchor="middle" class="in">${Math.round(h.pctPublished)}</text>`;
  }).join('')).join('');
  return `<svg class="chart small" role="img" aria-label="${escHtml(t(lang, 'audit.sec.heat'))}" viewBox="0 0 ${left + freqs.length * cell} ${top + opds.length * rowH}" width="${left + freqs.length * cell}">${head}${body}</svg>`;
}
