/**
 * Evaluates one registry item at the as-of day: its current due period, what was observed for it
 * (found / collected / validated / published), the HDX-style timeliness state, days late, backlog and gap reason.
 */
import { currentDuePeriod, dueDate, parsePeriod, periodKey, type CalendarFrequency } from './calendar.js';
import { isoDay, parseDay } from './dates.js';
import type { ItemResult, ObservedDataset, PeriodObservation, RegistryItem, Timeliness, GapReason } from './model.js';
import type { Policies } from './policy.js';
import { scoreMetadata } from './metadata-score.js';

/** Periods counted in the backlog are capped so a daily item cannot blow up the run. */
const BACKLOG_SCAN = 400;

export function evaluateItem(it: RegistryItem, d: ObservedDataset | undefined, policies: Policies, asOf: number): ItemResult {
  const pol = policies[it.frekuensi];
  const lag = it.lag ?? pol.lag;
  const base = {
    id: it.id, judul: it.judul, opd: it.opd, frekuensi: it.frekuensi, prioritas: it.prioritas,
    ...(it.urusan ? { urusan: it.urusan } : {}),
    ...(d ? { dataset: d.name } : {}),
    found: d !== undefined,
    ...(d?.dataModified ? { dataModified: d.dataModified } : {}),
    ...(d?.metadataModified ? { metadataModified: d.metadataModified } : {}),
    ...(d ? { score: scoreMetadata(d.metadata).score } : {}),
  };
  if (it.frekuensi === 'tidak_tetap') {
    // irregular: due from the first expected period on, never overdue; any observed period counts
    const obs = d ? Object.entries(d.periods).sort(([a], [b]) => (a < b ? 1 : -1)) : [];
    const pub = obs.find(([, o]) => o.published);
    const col = obs.find(([, o]) => o.collected);
    const best = pub ?? col ?? obs[0];
    const o = best?.[1];
    const r = flags(o);
    return { ...base, period: best?.[0] ?? it.periodeAwal, due: null, overdueAt: null, delinquentAt: null, ...r, timeliness: 'tidak_tetap', daysLate: 0, backlog: 0, ...gapOf(d !== undefined, r, best?.[0] ?? it.periodeAwal) };
  }
  const f = it.frekuensi as CalendarFrequency;
  const first = parsePeriod(f, it.periodeAwal)!;
  const idx = currentDuePeriod(f, first, lag, asOf);
  if (idx === null) {
    return { ...base, period: null, due: null, overdueAt: null, delinquentAt: null, collected: false, validated: false, published: false, timeliness: 'belum_jatuh_tempo', daysLate: 0, backlog: 0 };
  }
  const key = periodKey(f, idx);
  const due = dueDate(f, idx, lag);
  const o = d?.periods[key];
  const r = flags(o);
  const overdueAt = pol.overdue === null ? null : due + pol.overdue;
  const delinquentAt = pol.delinquent === null ? null : due + pol.delinquent;
  let timeliness: Timeliness;
  let daysLate = 0;
  if (r.published) {
    const p = parseDay(r.publishedAt);
    timeliness = p !== null && overdueAt !== null && p >= overdueAt ? 'terbit_terlambat' : 'tepat_waktu';
  } else {
    daysLate = asOf - due;
    timeliness = delinquentAt !== null && asOf >= delinquentAt ? 'sangat_terlambat' : overdueAt !== null && asOf >= overdueAt ? 'terlambat' : 'jatuh_tempo';
  }
  let backlog = 0;
  for (let i = Math.max(first, idx - BACKLOG_SCAN); i < idx; i++) if (!d?.periods[periodKey(f, i)]?.published) backlog++;
  return {
    ...base, period: key, due: isoDay(due),
    overdueAt: overdueAt === null ? null : isoDay(overdueAt), delinquentAt: delinquentAt === null ? null : isoDay(delinquentAt),
    ...r, timeliness, daysLate, backlog, ...gapOf(d !== undefined, r, key),
  };
}

type Flags = Pick<ItemResult, 'collected' | 'validated' | 'published' | 'errors' | 'collectedAt' | 'publishedAt'>;

function flags(o: PeriodObservation | undefined): Flags {
  const published = !!o?.published;
  const collected = published || !!o?.collected;
  const validated = published || (!!o?.validated && (o.errors ?? 0) === 0);
  return {
    collected, validated, published,
    ...(o?.errors !== undefined ? { errors: o.errors } : {}),
    ...(o?.collected ?? o?.published ? { collectedAt: (o.collected ?? o.published)! } : {}),
    ...(o?.published ? { publishedAt: o.published } : {}),
  };
}

function gapOf(found: boolean, r: Flags, _period: string): { gap?: GapReason } {
  if (r.published) return {};
  if (!found) return { gap: 'tidak-ditemukan' };
  if (!r.collected) return { gap: 'belum-ada-isian' };
  if (!r.validated) return { gap: (r.errors ?? 0) > 0 ? 'gagal-validasi' : 'menunggu-validasi' };
  return { gap: 'belum-terbit' };
}
