/** Texts every format shares: headline lines, guard notes, trend summary, sparkline. */
import type { Lang } from '../../i18n/lang.js';
import { t } from '../../i18n/ui.js';
import type { AuditReport } from '../model.js';
import { int, num, signed } from './tables.js';

export function titleOf(r: AuditReport, lang: Lang): string {
  const o = r.opdFilter ? r.opd.find((x) => x.kode === r.opdFilter) : undefined;
  return o ? t(lang, 'audit.opd-title', { opd: `${o.nama} (${o.singkatan})` }) : t(lang, 'audit.title');
}

export function headlines(r: AuditReport, lang: Lang): string[] {
  const f = r.totals.funnel;
  return [
    t(lang, 'audit.headline', { wajib: int(lang, f.wajib), terkumpul: int(lang, f.terkumpul), pctCollected: num(lang, r.totals.pctCollected), terpublikasi: int(lang, f.terpublikasi), pctPublished: num(lang, r.totals.pctPublished) }),
    t(lang, 'audit.headline2', { overdue: int(lang, r.totals.overdue), delinquent: int(lang, r.totals.delinquent), notYetDue: int(lang, r.totals.notYetDue), unmatched: int(lang, r.totals.unmatched), metadata: r.totals.metadataMean === null ? '–' : num(lang, r.totals.metadataMean, 1), max: r.config.metadataMax }),
  ];
}

export function sourceLine(r: AuditReport, lang: Lang): string {
  return t(lang, 'audit.source', { kind: t(lang, `audit.kind.${r.source.kind}`), location: r.source.location, datasets: int(lang, r.source.datasets), requests: r.source.requests !== undefined ? t(lang, 'audit.requests', { n: r.source.requests }) : '' });
}

export function generatedLine(r: AuditReport, lang: Lang): string {
  return t(lang, 'audit.generated', { generatedAt: r.generatedAt, runId: r.runId, registry: r.registry.path, items: r.registry.items, sha: r.registry.sha256.slice(0, 12) });
}

/** Guard note and trend note, when any. */
export function notes(r: AuditReport, lang: Lang): string[] {
  const out: string[] = [];
  const g = r.guard;
  const p = { dropPct: g.dropPct !== undefined ? num(lang, g.dropPct) : '', previous: g.previous ?? '', current: g.current };
  if (g.level === 'warn') out.push(t(lang, 'audit.guard-warn', p));
  if (g.level === 'refuse') out.push(t(lang, g.current === 0 ? 'audit.guard-zero' : 'audit.guard-refuse', p));
  if (r.trendNote === 'first-run') out.push(t(lang, 'audit.first-run'));
  return out;
}

export function trendLine(r: AuditReport, lang: Lang): string | null {
  if (!r.trend) return null;
  const counts = Object.entries(r.trend.counts).filter(([, n]) => n > 0).map(([k, n]) => `${t(lang, `audit.change.${k}`)} ${n}`).join(' · ');
  return `${t(lang, 'audit.vs-last-week', { week: r.trend.previousWeek, dCollected: signed(lang, r.trend.dCollected), dPublished: signed(lang, r.trend.dPublished) })}${counts ? ` ${counts}.` : ''}`;
}

const BARS = '▁▂▃▄▅▆▇█';
export function sparkline(values: number[]): string {
  if (!values.length) return '';
  const lo = Math.min(...values), hi = Math.max(...values);
  return values.map((v) => BARS[hi === lo ? 7 : Math.round(((v - lo) / (hi - lo)) * 7)]).join('');
}
