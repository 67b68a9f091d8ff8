/**
 * The report's tables as plain rows (header labels + typed cells), built once from the AuditReport so every
 * format (Markdown, HTML, XLSX, CSV) shows the same numbers. Wording comes from src/i18n/ui.ts.
 */
import type { Lang } from '../../i18n/lang.js';
import { t } from '../../i18n/ui.js';
import { METADATA_LABELS } from '../../standards/metadata.js';
import type { AuditReport, ItemResult } from '../model.js';
import { metadataBand } from '../metadata-score.js';
import { defaultPolicies } from '../policy.js';

export type Cell = string | number | null;
export type ColumnKind = 'text' | 'int' | 'pct' | 'num' | 'date';
export interface Column { key: string; label: string; kind: ColumnKind }
export interface ReportTable { key: string; title: string; columns: Column[]; rows: Cell[][] }

/** Number text in the report language: id `94,30`, en `94.30`. */
export function num(lang: Lang, v: number, decimals = 2): string {
  return v.toLocaleString(lang === 'id' ? 'id-ID' : 'en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
export function int(lang: Lang, v: number): string {
  return v.toLocaleString(lang === 'id' ? 'id-ID' : 'en-US', { maximumFractionDigits: 0 });
}
export function signed(lang: Lang, v: number): string {
  return (v > 0 ? '+' : v < 0 ? '−' : '±') + num(lang, Math.abs(v));
}

const col = (lang: Lang, key: string, kind: ColumnKind = 'text'): Column => ({ key, label: t(lang, `audit.col.${key}`), kind });

export function gapText(lang: Lang, r: ItemResult): string {
  return r.gap ? t(lang, `audit.gap.${r.gap}`, { period: r.period ?? '', errors: r.errors ?? 0 }) : '';
}

export function freqLabel(lang: Lang, f: string): string {
  return defaultPolicies()[f as keyof ReturnType<typeof defaultPolicies>]?.label[lang] ?? f;
}

export function summaryTable(r: AuditReport, lang: Lang): ReportTable {
  const f = r.totals.funnel;
  const stage = (k: string) => t(lang, `audit.stage.${k}`);
  const rows: Cell[][] = [
    [stage('wajib'), f.wajib, 100],
    [stage('terdaftar'), f.terdaftar, r.totals.pctRegistered],
    [stage('terkumpul'), f.terkumpul, r.totals.pctCollected],
    [stage('tervalidasi'), f.tervalidasi, r.totals.pctValidated],
    [stage('terpublikasi'), f.terpublikasi, r.totals.pctPublished],
    [t(lang, 'audit.col.overdue'), r.totals.overdue, f.wajib ? Math.round((r.totals.overdue / f.wajib) * 10000) / 100 : 0],
    [t(lang, 'audit.col.delinquent'), r.totals.delinquent, f.wajib ? Math.round((r.totals.delinquent / f.wajib) * 10000) / 100 : 0],
    [t(lang, 'audit.col.notYetDue'), r.totals.notYetDue, null],
    [t(lang, 'audit.col.metadata'), r.totals.metadataMean, null],
  ];
  return { key: 'ringkasan', title: t(lang, 'audit.sec.summary'), columns: [col(lang, 'metric'), col(lang, 'count', 'num'), col(lang, 'pct', 'pct')], rows };
}

export function opdTable(r: AuditReport, lang: Lang): ReportTable {
  const dRank = new Map(r.trend?.opd.map((o) => [o.kode, o]) ?? []);
  const columns = [col(lang, 'rank', 'int'), col(lang, 'kode'), col(lang, 'nama'), col(lang, 'items', 'int'), col(lang, 'pctCollected', 'pct'),
    col(lang, 'pctPublished', 'pct'), col(lang, 'overdue', 'int'), col(lang, 'delinquent', 'int'), col(lang, 'onTime', 'pct'),
    col(lang, 'metadata', 'num'), col(lang, 'composite', 'num'), col(lang, 'band'), col(lang, 'dPublished', 'num'), col(lang, 'dRank', 'int')];
  const rows = r.opd.map((o) => [o.rank, o.kode, o.nama, o.funnel.wajib, o.pctCollected, o.pctPublished, o.overdue, o.delinquent, o.pctOnTime,
    o.metadataMean, o.composite, t(lang, `audit.band.${o.band}`), dRank.get(o.kode)?.dPublished ?? null, dRank.get(o.kode)?.dRank ?? null]);
  return { key: 'per-opd', title: t(lang, 'audit.sec.opd'), columns, rows };
}

export function frequencyTable(r: AuditReport, lang: Lang): ReportTable {
  const columns = [col(lang, 'frekuensi'), col(lang, 'items', 'int'), ...(['wajib', 'terdaftar', 'terkumpul', 'tervalidasi', 'terpublikasi'] as const).map((k) => ({ key: k, label: t(lang, `audit.stage.${k}`), kind: 'int' as const })),
    col(lang, 'pctPublished', 'pct'), col(lang, 'overdue', 'int')];
  const rows = r.frequencies.map((f) => [freqLabel(lang, f.frekuensi), f.items, f.funnel.wajib, f.funnel.terdaftar, f.funnel.terkumpul, f.funnel.tervalidasi, f.funnel.terpublikasi, f.pctPublished, f.overdue]);
  return { key: 'per-periodisitas', title: t(lang, 'audit.sec.freq'), columns, rows };
}

export function lateTable(r: AuditReport, lang: Lang): ReportTable {
  const names = new Map(r.opd.map((o) => [o.kode, o.singkatan]));
  const columns = [col(lang, 'prioritas'), col(lang, 'opd'), col(lang, 'id'), col(lang, 'judul'), col(lang, 'frekuensi'), col(lang, 'period'), col(lang, 'due', 'date'),
    col(lang, 'daysLate', 'int'), col(lang, 'status'), col(lang, 'reason'), col(lang, 'backlog', 'int'), col(lang, 'kode')];
  const rows = r.worklist.map((i) => [t(lang, i.prioritas ? 'audit.yes' : 'audit.no'), names.get(i.opd) ?? i.opd, i.id, i.judul, freqLabel(lang, i.frekuensi), i.period, i.due,
    i.daysLate, t(lang, `audit.t.${i.timeliness}`), gapText(lang, i), i.backlog, i.opd]);
  return { key: 'terlambat', title: t(lang, 'audit.sec.late'), columns, rows };
}

export function changesTable(r: AuditReport, lang: Lang): ReportTable {
  const names = new Map(r.opd.map((o) => [o.kode, o.singkatan]));
  const columns = [col(lang, 'kind'), col(lang, 'opd'), col(lang, 'id'), col(lang, 'judul'), col(lang, 'detail')];
  const rows = (r.trend?.changes ?? []).map((c) => [t(lang, `audit.change.${c.kind}`), names.get(c.opd) ?? c.opd, c.id, c.judul, c.detail]);
  return { key: 'perubahan', title: t(lang, 'audit.sec.changes'), columns, rows };
}

/** Broken links (`--check-links`); null when the links were not checked. */
export function linksTable(r: AuditReport, lang: Lang): ReportTable | null {
  if (!r.links) return null;
  const names = new Map(r.opd.map((o) => [o.kode, o.singkatan]));
  const columns = [col(lang, 'opd'), col(lang, 'id'), col(lang, 'judul'), col(lang, 'dataset'), col(lang, 'resource'), col(lang, 'url'),
    col(lang, 'httpStatus', 'int'), col(lang, 'reason'), col(lang, 'failures', 'int')];
  const rows = r.links.broken.map((l) => [l.opd ? names.get(l.opd) ?? l.opd : null, l.item ?? null, l.judul ?? null, l.dataset, l.resource ?? null, l.url, l.status, l.reason, l.failures]);
  return { key: 'tautan-rusak', title: t(lang, 'audit.sec.links'), columns, rows };
}

export function metadataTable(r: AuditReport, lang: Lang): ReportTable {
  const label = (k: string) => k.split(/[+/]/).map((p) => METADATA_LABELS[p]?.[lang] ?? p).join(' + ');
  const columns = [col(lang, 'check'), col(lang, 'points', 'int'), col(lang, 'failing', 'int'), col(lang, 'recoverable', 'int')];
  const rows = r.metadataChecks.map((c) => [`${label(c.key)} (${c.key})`, c.points, c.failing, c.recoverable]);
  return { key: 'kualitas-metadata', title: t(lang, 'audit.sec.metadata'), columns, rows };
}

export function itemsTable(r: AuditReport, lang: Lang): ReportTable {
  const names = new Map(r.opd.map((o) => [o.kode, o.singkatan]));
  const columns = [col(lang, 'id'), col(lang, 'opd'), col(lang, 'judul'), col(lang, 'frekuensi'), col(lang, 'prioritas'), col(lang, 'period'), col(lang, 'due', 'date'),
    col(lang, 'dataset'), { key: 'terkumpul', label: t(lang, 'audit.stage.terkumpul'), kind: 'text' as const }, { key: 'tervalidasi', label: t(lang, 'audit.stage.tervalidasi'), kind: 'text' as const },
    { key: 'terpublikasi', label: t(lang, 'audit.stage.terpublikasi'), kind: 'text' as const }, col(lang, 'errors', 'int'), col(lang, 'collectedAt', 'date'), col(lang, 'publishedAt', 'date'),
    col(lang, 'dataModified', 'date'), col(lang, 'metadataModified', 'date'), col(lang, 'status'), col(lang, 'daysLate', 'int'), col(lang, 'reason'), col(lang, 'score', 'int'), col(lang, 'band')];
  const yn = (b: boolean) => t(lang, b ? 'audit.yes' : 'audit.no');
  const rows = r.items.map((i) => [i.id, names.get(i.opd) ?? i.opd, i.judul, freqLabel(lang, i.frekuensi), yn(i.prioritas), i.period, i.due, i.dataset ?? null,
    yn(i.collected), yn(i.validated), yn(i.published), i.errors ?? null, i.collectedAt ?? null, i.publishedAt ?? null, i.dataModified ?? null, i.metadataModified ?? null,
    t(lang, `audit.t.${i.timeliness}`), i.daysLate || null, gapText(lang, i), i.score ?? null, i.score !== undefined ? t(lang, `audit.mband.${metadataBand(i.score)}`) : null]);
  return { key: 'jenis-data', title: t(lang, 'audit.sec.items'), columns, rows };
}

export function trendTable(r: AuditReport, lang: Lang): ReportTable {
  const columns = [col(lang, 'week'), { key: 'asOf', label: t(lang, 'audit.col.asOf'), kind: 'date' as const }, col(lang, 'pctCollected', 'pct'), col(lang, 'pctPublished', 'pct'), col(lang, 'overdue', 'int')];
  return { key: 'tren', title: t(lang, 'audit.sec.trend'), columns, rows: r.history.map((p) => [p.week, p.asOf, p.pctCollected, p.pctPublished, p.overdue]) };
}

export function definitionsTable(r: AuditReport, lang: Lang): ReportTable {
  const w = r.config.ranking;
  const rows: Cell[][] = [
    [t(lang, 'audit.stage.wajib'), t(lang, 'audit.def.wajib')],
    [t(lang, 'audit.sec.funnel'), t(lang, 'audit.def.funnel')],
    [t(lang, 'audit.col.due'), t(lang, 'audit.def.due')],
    [t(lang, 'audit.col.daysLate'), t(lang, 'audit.def.ageing')],
    [t(lang, 'audit.col.reason'), t(lang, 'audit.def.gap')],
    [t(lang, 'audit.col.score'), t(lang, 'audit.def.metadata', { max: r.config.metadataMax })],
    [t(lang, 'audit.col.composite'), t(lang, 'audit.def.composite', { wc: w.completeness, wt: w.timeliness, wm: w.metadata, wsum: w.completeness + w.timeliness + w.metadata, max: r.config.metadataMax, min: w.minItems })],
    [t(lang, 'audit.col.band'), t(lang, 'audit.def.bands')],
    [t(lang, 'audit.sec.trend'), t(lang, 'audit.def.trend')],
    [t(lang, 'audit.sec.summary'), t(lang, 'audit.def.guard')],
    ...(r.links ? [[t(lang, 'audit.sec.links'), t(lang, 'audit.def.links', { threshold: r.links.threshold })]] : []),
  ];
  for (const [f, p] of Object.entries(r.config.policies)) {
    const never = t(lang, 'audit.never');
    rows.push([`${t(lang, 'audit.def.graces')}: ${freqLabel(lang, f)}`,
      `${t(lang, 'audit.col.lag')} ${p.lag}; ${t(lang, 'audit.col.graceOverdue')} ${p.overdue ?? never}; ${t(lang, 'audit.col.graceDelinquent')} ${p.delinquent ?? never}`]);
  }
  rows.push([t(lang, 'audit.col.run'), `${r.runId} · ${r.asOf} · ${r.week} · sha256 ${r.registry.sha256}`]);
  return { key: 'definisi', title: t(lang, 'audit.sec.definitions'), columns: [col(lang, 'term'), col(lang, 'definition')], rows };
}

/** Every table, in the order of the XLSX sheets and the CSV files. */
export function allTables(r: AuditReport, lang: Lang): ReportTable[] {
  const links = linksTable(r, lang);
  return [summaryTable(r, lang), opdTable(r, lang), frequencyTable(r, lang), lateTable(r, lang), changesTable(r, lang), metadataTable(r, lang),
    ...(links ? [links] : []), itemsTable(r, lang), trendTable(r, lang), definitionsTable(r, lang)];
}

/** A cell as display text in the language (numbers localised, null empty). */
export function cellText(lang: Lang, c: Cell, kind: ColumnKind): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'number') return kind === 'pct' ? `${num(lang, c)}%` : kind === 'num' ? num(lang, c, Number.isInteger(c) ? 0 : c * 10 % 1 === 0 ? 1 : 2) : int(lang, c);
  return c;
}
