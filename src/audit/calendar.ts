/**
 * Expected-period calendar. A period of a frequency is an integer index (year, year*2+half, year*4+quarter,
 * year*12+month, ISO-week number since 1970-01-05, day number) with a key (`2024`, `2024-S1`, `2024-Q2`,
 * `2024-06`, `2024-W07`, `2024-06-30`), a first and a last day. Due date = last day + release lag.
 */
import type { Frekuensi } from '../standards/metadata.js';
import { daysInMonth } from '../check/dates.js';
import { dayFromYmd, isoWeek, isoDay, mondayOfIsoWeek, parseDay } from './dates.js';

/** Calendar frequencies (tidak_tetap has no calendar). */
export type CalendarFrequency = Exclude<Frekuensi, 'tidak_tetap'>;

const WEEK0 = 4; // 1970-01-05, the first Monday

export function periodKey(f: CalendarFrequency, idx: number): string {
  switch (f) {
    case 'tahunan': return String(idx);
    case 'semesteran': return `${Math.floor(idx / 2)}-S${(idx % 2) + 1}`;
    case 'triwulanan': return `${Math.floor(idx / 4)}-Q${(idx % 4) + 1}`;
    case 'bulanan': return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
    case 'mingguan': {
      const w = isoWeek(WEEK0 + idx * 7);
      return `${w.year}-W${String(w.week).padStart(2, '0')}`;
    }
    case 'harian': return isoDay(idx);
  }
}

/** Parses a period key of the frequency; also accepts a plain year for sub-annual frequencies (its first period). */
export function parsePeriod(f: CalendarFrequency, key: string): number | null {
  const s = key.trim().toUpperCase();
  let m: RegExpExecArray | null;
  switch (f) {
    case 'tahunan':
      return /^\d{4}$/.test(s) ? Number(s) : null;
    case 'semesteran':
      if ((m = /^(\d{4})-S([12])$/.exec(s))) return Number(m[1]) * 2 + Number(m[2]) - 1;
      return /^\d{4}$/.test(s) ? Number(s) * 2 : null;
    case 'triwulanan':
      if ((m = /^(\d{4})-Q([1-4])$/.exec(s))) return Number(m[1]) * 4 + Number(m[2]) - 1;
      return /^\d{4}$/.test(s) ? Number(s) * 4 : null;
    case 'bulanan':
      if ((m = /^(\d{4})-(\d{2})$/.exec(s)) && Number(m[2]) >= 1 && Number(m[2]) <= 12) return Number(m[1]) * 12 + Number(m[2]) - 1;
      return /^\d{4}$/.test(s) ? Number(s) * 12 : null;
    case 'mingguan':
      if ((m = /^(\d{4})-W(\d{2})$/.exec(s))) {
        const y = Number(m[1]), w = Number(m[2]);
        if (w < 1 || w > 53) return null;
        const monday = mondayOfIsoWeek(y, w);
        if (isoWeek(monday).year !== y) return null; // week 53 in a 52-week year
        return (monday - WEEK0) / 7;
      }
      return /^\d{4}$/.test(s) ? (mondayOfIsoWeek(Number(s), 1) - WEEK0) / 7 : null;
    case 'harian': {
      const d = parseDay(s);
      if (d !== null && /^\d{4}-\d{2}-\d{2}$/.test(s)) return d;
      return /^\d{4}$/.test(s) ? dayFromYmd(Number(s), 1, 1) : null;
    }
  }
}

export function periodStart(f: CalendarFrequency, idx: number): number {
  switch (f) {
    case 'tahunan': return dayFromYmd(idx, 1, 1);
    case 'semesteran': return dayFromYmd(Math.floor(idx / 2), (idx % 2) * 6 + 1, 1);
    case 'triwulanan': return dayFromYmd(Math.floor(idx / 4), (idx % 4) * 3 + 1, 1);
    case 'bulanan': return dayFromYmd(Math.floor(idx / 12), (idx % 12) + 1, 1);
    case 'mingguan': return WEEK0 + idx * 7;
    case 'harian': return idx;
  }
}

/** Last day of the period (inclusive). */
export function periodEnd(f: CalendarFrequency, idx: number): number {
  switch (f) {
    case 'tahunan': return dayFromYmd(idx, 12, 31);
    case 'semesteran': { const y = Math.floor(idx / 2), m = (idx % 2) * 6 + 6; return dayFromYmd(y, m, daysInMonth(y, m)); }
    case 'triwulanan': { const y = Math.floor(idx / 4), m = (idx % 4) * 3 + 3; return dayFromYmd(y, m, daysInMonth(y, m)); }
    case 'bulanan': { const y = Math.floor(idx / 12), m = (idx % 12) + 1; return dayFromYmd(y, m, daysInMonth(y, m)); }
    case 'mingguan': return WEEK0 + idx * 7 + 6;
    case 'harian': return idx;
  }
}

/** The period that contains a day. */
export function periodOfDay(f: CalendarFrequency, day: number): number {
  const d = new Date(day * 86400000);
  const y = d.getUTCFullYear(), m = d.getUTCMonth();
  switch (f) {
    case 'tahunan': return y;
    case 'semesteran': return y * 2 + (m >= 6 ? 1 : 0);
    case 'triwulanan': return y * 4 + Math.floor(m / 3);
    case 'bulanan': return y * 12 + m;
    case 'mingguan': return Math.floor((day - WEEK0) / 7);
    case 'harian': return day;
  }
}

export function dueDate(f: CalendarFrequency, idx: number, lag: number): number {
  return periodEnd(f, idx) + lag;
}

/**
 * The latest period whose due date is on or before the as-of day, not before the first expected period;
 * null when no period is due yet. Works without enumerating: start from the period holding (asOf − lag).
 */
export function currentDuePeriod(f: CalendarFrequency, first: number, lag: number, asOf: number): number | null {
  let idx = periodOfDay(f, asOf - lag);
  while (idx >= first && dueDate(f, idx, lag) > asOf) idx--;
  return idx >= first ? idx : null;
}
