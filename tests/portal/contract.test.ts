/** The push → report contract (src/portal/contract.ts): WITA dates of CKAN's zoneless UTC timestamps, periods. */
import { describe, expect, it } from 'vitest';
import { periodsBetween, witaDate } from '../../src/portal/contract.js';
import { readCkan } from '../../src/audit/sources/ckan.js';
import { CkanMock } from '../support/ckan-mock.js';
import { TOKEN } from './helpers.js';

describe('witaDate', () => {
  it('reads a zoneless CKAN timestamp as UTC: 16:39 UTC is the next day in WITA', () => {
    expect(witaDate('2026-12-02T16:39:09.875688')).toBe('2026-12-03');
    expect(witaDate('2026-12-02T15:59:59.999999')).toBe('2026-12-02');
    expect(witaDate('2026-12-02T23:00:00Z')).toBe('2026-12-03');
    expect(witaDate('2026-12-02T10:00:00+08:00')).toBe('2026-12-02');
    expect(witaDate('2026-12-02T23:30:00-0100')).toBe('2026-12-03');
    expect(witaDate('2026-12-02')).toBe('2026-12-02');
    expect(witaDate('kemarin')).toBeUndefined();
    expect(witaDate(undefined)).toBeUndefined();
  });
});

describe('periodsBetween', () => {
  it('lists years, months, quarters and semesters between two periods', () => {
    expect(periodsBetween('2022', '2024')).toEqual(['2022', '2023', '2024']);
    expect(periodsBetween('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(periodsBetween('2023-q4', '2024-Q2')).toEqual(['2023-Q4', '2024-Q1', '2024-Q2']);
    expect(periodsBetween('2023-S2', '2024-S1')).toEqual(['2023-S2', '2024-S1']);
  });
  it('falls back to the last period when the two do not form a range', () => {
    expect(periodsBetween('2020-S1', '2021')).toEqual(['2021']);
    expect(periodsBetween('2024', '2023')).toEqual(['2023']);
    expect(periodsBetween(undefined, undefined)).toEqual(['tanpa-periode']);
  });
});

describe('report --ckan reads what push writes', () => {
  it('periods from the extras, publication from the data resource in WITA, private or deleted never published', async () => {
    const mock = await new CkanMock({ users: { [TOKEN]: { name: 'w', orgs: { diskominfotik: 'editor' } } } }).start();
    try {
      const extras = [{ key: 'periode_awal', value: '2024-Q3' }, { key: 'periode_akhir', value: '2024-Q4' }, { key: 'satudata_item', value: 'DD-9' }, { key: 'satudata_validated_at', value: '2025-01-05T20:00:00Z' }, { key: 'satudata_valid', value: 'true' }, { key: 'satudata_errors', value: '0' }];
      const data = { id: 'r1', package_id: 'x', name: 'data', url: 'http://x/data.csv', created: '2025-01-06T16:39:09.875688', last_modified: '2025-01-06T16:39:09.875688' };
      mock.seed({ name: 'terbit', org: 'diskominfotik', extras, resources: [data] });
      mock.seed({ name: 'privat', org: 'diskominfotik', private: true, extras, resources: [data] });
      mock.seed({ name: 'gagal', org: 'diskominfotik', extras: [...extras.slice(0, 4), { key: 'satudata_valid', value: 'false' }, { key: 'satudata_errors', value: '3' }], resources: [data] });
      const s = await readCkan(mock.url, { token: TOKEN });
      const by = new Map(s.datasets.map((d) => [d.name, d]));
      expect(by.get('terbit')).toMatchObject({ item: 'DD-9', periods: { '2024-Q3': { collected: '2025-01-06', validated: '2025-01-06', errors: 0, published: '2025-01-07' }, '2024-Q4': { published: '2025-01-07' } } });
      expect(by.get('privat')!.periods['2024-Q4']).toEqual({ collected: '2025-01-06', validated: '2025-01-06', errors: 0 });
      // pushed with --force: public, so published, with its validation errors (as the ledger records it)
      expect(by.get('gagal')!.periods['2024-Q4']).toEqual({ collected: '2025-01-06', validated: '2025-01-06', errors: 3, published: '2025-01-07' });
      mock.deleteDataset('terbit');
      expect((await readCkan(mock.url, { token: TOKEN })).datasets.map((d) => d.name).sort()).toEqual(['gagal', 'privat']);
    } finally {
      await mock.close();
    }
  });
});
