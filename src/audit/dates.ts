/**
 * Calendar days as integers (days since 1970-01-01, proleptic Gregorian) and the as-of instant in
 * Asia/Makassar (WITA, UTC+8, no DST) by fixed-offset arithmetic — never the machine's local zone.
 */
import { daysInMonth } from '../check/dates.js';

export const WITA_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 86400000;

export function dayFromYmd(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function ymdOf(day: number): { y: number; m: number; d: number } {
  const dt = new Date(day * DAY_MS);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` (or a longer ISO timestamp: its date part) → day number; null when not a date. */
export function parseDay(text: string | undefined | null): number | null {
  if (!text) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  if (!m) return null;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  // before 1900 is a typo in this domain (and JavaScript dates map years 0–99 to 1900–1999)
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return dayFromYmd(y, mo, d);
}

/** The WITA calendar day of an instant (ms since epoch). */
export function witaDay(ms: number): number {
  return Math.floor((ms + WITA_OFFSET_MS) / DAY_MS);
}

/**
 * Parses --as-of: `YYYY-MM-DD` is that WITA date; a timestamp with a zone (`Z`, `+07:00`) is converted to
 * its WITA date; a timestamp without a zone is read as WITA wall time. Returns null when unreadable.
 */
export function parseAsOf(text: string): number | null {
  const s = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return parseDay(s);
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (!m) return null;
  const day = parseDay(m[1]!);
  if (day === null) return null;
  const h = Number(m[2]), mi = Number(m[3]), se = Number(m[4] ?? 0);
  if (h > 23 || mi > 59 || se > 59) return null;
  const wall = day * DAY_MS + ((h * 60 + mi) * 60 + se) * 1000;
  if (m[5] === undefined) return witaDay(wall - WITA_OFFSET_MS);
  const z = m[5];
  const offset = z === 'Z' ? 0 : (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(-2))) * 60000;
  return witaDay(wall - offset);
}

/** ISO 8601 week of a day: { year, week } (the week's Thursday decides the year). */
export function isoWeek(day: number): { year: number; week: number } {
  const dow = (((day + 3) % 7) + 7) % 7; // 0 = Monday (1970-01-01 was a Thursday)
  const thursday = day - dow + 3;
  const year = ymdOf(thursday).y;
  const jan1 = dayFromYmd(year, 1, 1);
  return { year, week: Math.floor((thursday - jan1) / 7) + 1 };
}

export function isoWeekLabel(day: number): string {
  const w = isoWeek(day);
  return `${w.year}-W${String(w.week).padStart(2, '0')}`;
}

/** Monday of ISO week `week` of `year`. */
export function mondayOfIsoWeek(year: number, week: number): number {
  const jan4 = dayFromYmd(year, 1, 4);
  const dow = (((jan4 + 3) % 7) + 7) % 7;
  return jan4 - dow + (week - 1) * 7;
}
