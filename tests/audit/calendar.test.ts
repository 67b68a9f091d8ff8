import { describe, expect, it } from 'vitest';
import { currentDuePeriod, dueDate, parsePeriod, periodEnd, periodKey, periodOfDay, periodStart } from '../../src/audit/calendar.js';
import { isLeap } from '../../src/check/dates.js';
import { dayFromYmd, isoDay, isoWeekLabel, parseAsOf, parseDay } from '../../src/audit/dates.js';
import { defaultPolicies } from '../../src/audit/policy.js';

const d = (s: string) => parseDay(s)!;

describe('expected-period calendar', () => {
  it('knows leap years and month ends', () => {
    expect([1900, 2000, 2020, 2021, 2024, 2100].map(isLeap)).toEqual([false, true, true, false, true, false]);
    expect(isoDay(periodEnd('bulanan', parsePeriod('bulanan', '2024-02')!))).toBe('2024-02-29');
    expect(isoDay(periodEnd('bulanan', parsePeriod('bulanan', '2023-02')!))).toBe('2023-02-28');
    expect(isoDay(periodEnd('bulanan', parsePeriod('bulanan', '1900-02')!))).toBe('1900-02-28');
    expect(parseDay('2023-02-29')).toBeNull();
    expect(parseDay('2024-02-29')).not.toBeNull();
    for (const old of ['0001-01-01', '0050-01-01', '0999-06-15', '1899-12-31']) expect(parseAsOf(old), old).toBeNull();
    expect(isoDay(parseAsOf('1900-01-01')!)).toBe('1900-01-01');
    // a monthly period in a leap February: due 30 days after the 29th
    expect(isoDay(dueDate('bulanan', parsePeriod('bulanan', '2024-02')!, 30))).toBe('2024-03-30');
  });

  it('ends quarters and semesters on the right day and keys them', () => {
    const q = (k: string) => parsePeriod('triwulanan', k)!;
    expect(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'].map((k) => isoDay(periodEnd('triwulanan', q(k))))).toEqual(['2025-03-31', '2025-06-30', '2025-09-30', '2025-12-31']);
    expect(isoDay(periodStart('triwulanan', q('2025-Q3')))).toBe('2025-07-01');
    // the domain brief's illustration: Q2-2025 due 2025-08-14 with a 45-day release lag
    expect(isoDay(dueDate('triwulanan', q('2025-Q2'), 45))).toBe('2025-08-14');
    expect(isoDay(periodEnd('semesteran', parsePeriod('semesteran', '2024-S1')!))).toBe('2024-06-30');
    expect(periodKey('triwulanan', q('2025-Q4') + 1)).toBe('2026-Q1');
    expect(periodKey('bulanan', parsePeriod('bulanan', '2024-12')! + 1)).toBe('2025-01');
    expect(parsePeriod('triwulanan', '2025-Q5')).toBeNull();
    expect(parsePeriod('bulanan', '2025-13')).toBeNull();
  });

  it('handles ISO weeks, including week 53 and weeks that straddle a year', () => {
    expect(periodKey('mingguan', parsePeriod('mingguan', '2020-W53')!)).toBe('2020-W53');
    expect(parsePeriod('mingguan', '2021-W53')).toBeNull();
    expect(isoDay(periodStart('mingguan', parsePeriod('mingguan', '2021-W01')!))).toBe('2021-01-04');
    expect(isoWeekLabel(d('2021-01-01'))).toBe('2020-W53');
    expect(isoWeekLabel(d('2024-12-30'))).toBe('2025-W01');
    expect(periodKey('mingguan', periodOfDay('mingguan', d('2024-12-31')))).toBe('2025-W01');
  });

  it('reads the as-of instant in WITA (UTC+8) whatever the machine zone', () => {
    expect(isoDay(parseAsOf('2022-03-31T15:59:59Z')!)).toBe('2022-03-31');
    expect(isoDay(parseAsOf('2022-03-31T16:00:00Z')!)).toBe('2022-04-01'); // WITA midnight
    expect(isoDay(parseAsOf('2022-04-01T00:00:00+08:00')!)).toBe('2022-04-01');
    expect(isoDay(parseAsOf('2022-03-31T23:59:59+07:00')!)).toBe('2022-04-01'); // 00:59 WITA
    expect(isoDay(parseAsOf('2022-04-01T00:30')!)).toBe('2022-04-01'); // no zone: WITA wall time
    expect(isoDay(parseAsOf('2022-04-04')!)).toBe('2022-04-04');
    expect(parseAsOf('04/04/2022')).toBeNull();
    expect(parseAsOf('2022-02-30')).toBeNull();
  });

  it('picks the latest due period and moves on exactly on the due date', () => {
    const y = parsePeriod('tahunan', '2019')!;
    // annual, 90-day lag: 2021 is due 2022-03-31
    expect(periodKey('tahunan', currentDuePeriod('tahunan', y, 90, d('2022-03-30'))!)).toBe('2020');
    expect(periodKey('tahunan', currentDuePeriod('tahunan', y, 90, d('2022-03-31'))!)).toBe('2021');
    // leap year: 2024 + 90 days lands on 2025-03-31; 2023 + 60 days lands on 2024-02-29
    expect(isoDay(dueDate('tahunan', 2023, 60))).toBe('2024-02-29');
    expect(currentDuePeriod('tahunan', 2024, 90, d('2025-03-30'))).toBeNull();
    const m = parsePeriod('bulanan', '2024-01')!;
    expect(periodKey('bulanan', currentDuePeriod('bulanan', m, 30, d('2024-03-30'))!)).toBe('2024-02');
    expect(periodKey('bulanan', currentDuePeriod('bulanan', m, 30, d('2024-03-29'))!)).toBe('2024-01');
    const day = parsePeriod('harian', '2024-02-27')!;
    expect(periodKey('harian', currentDuePeriod('harian', day, 1, d('2024-03-01'))!)).toBe('2024-02-29');
    expect(dayFromYmd(1970, 1, 1)).toBe(0);
  });

  it('loads the frequency policies from standards/codes/frekuensi.csv', () => {
    const p = defaultPolicies();
    expect(p.bulanan).toMatchObject({ lag: 30, overdue: 14, delinquent: 30 });
    expect(p.tahunan).toMatchObject({ lag: 90, overdue: 60, delinquent: 90 });
    expect(p.tidak_tetap).toMatchObject({ overdue: null, delinquent: null });
    expect(Object.keys(p)).toHaveLength(7);
  });
});
