import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileDatePattern, excelSerialToIso, parseLooseDate, parseMonthYear } from '../../src/check/dates.js';

describe('dates', () => {
  it('reads Indonesian month names and their variants', () => {
    expect(parseLooseDate('17 Agustus 2023')).toBe('2023-08-17');
    expect(parseLooseDate('Selasa, 25 Agustus 2026')).toBe('2026-08-25');
    expect(parseLooseDate('1 Pebruari 2024')).toBe('2024-02-01');
    expect(parseLooseDate('10 Nopember 2020')).toBe('2020-11-10');
    expect(parseLooseDate('5 Agt 2021')).toBe('2021-08-05');
    expect(parseLooseDate('5-Okt.-2021')).toBe('2021-10-05');
    expect(parseLooseDate('31 Februari 2024')).toBeNull();
    expect(parseMonthYear('Januari 2024')).toBe('2024-01');
  });

  it('reads D/M/YYYY by default and M/D/YYYY when asked', () => {
    expect(parseLooseDate('17/8/2023')).toBe('2023-08-17');
    expect(parseLooseDate('1/13/2022', 'mdy')).toBe('2022-01-13');
    expect(parseLooseDate('1/13/2022')).toBeNull();
  });

  it('converts Excel serials in both date systems, with the 1900 leap-year bug', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(60)).toBe('1900-02-29');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(45292)).toBe('2024-01-01');
    expect(excelSerialToIso(0, 1904)).toBeNull();
    expect(excelSerialToIso(43830, 1904)).toBe('2024-01-01');
  });

  it('parses strptime-style patterns', () => {
    const p = compileDatePattern('%d/%m/%Y');
    expect(p('17/08/2023')).toBe('2023-08-17');
    expect(p('2023-08-17')).toBeNull();
  });

  it('round-trips every day written as "D Bulan YYYY"', () => {
    const months = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const text = `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
        expect(parseLooseDate(text)).toBe(iso);
      }),
    );
  });
});
