import { describe, expect, it } from 'vitest';
import { parseDay } from '../../src/audit/dates.js';
import { defaultPolicies } from '../../src/audit/policy.js';
import { evaluateItem } from '../../src/audit/timeliness.js';
import { dataset, item } from './helpers.js';

const P = defaultPolicies();
const at = (s: string) => parseDay(s)!;

describe('timeliness and gap reasons', () => {
  it('says "tidak ditemukan di portal" when no dataset matched', () => {
    const r = evaluateItem(item(), undefined, P, at('2022-04-04'));
    expect(r).toMatchObject({ period: '2021', due: '2022-03-31', found: false, collected: false, gap: 'tidak-ditemukan', timeliness: 'jatuh_tempo', daysLate: 4 });
  });

  it('says "belum ada isian periode X" when the dataset lacks the current period', () => {
    const r = evaluateItem(item(), dataset({ '2020': { collected: '2021-02-01', published: '2021-03-01' } }), P, at('2022-04-04'));
    expect(r).toMatchObject({ found: true, collected: false, gap: 'belum-ada-isian', period: '2021', backlog: 1 }); // 2019 missing too
  });

  it('says "menunggu validasi" for collected data not yet validated, with the error count when it failed', () => {
    const pending = evaluateItem(item(), dataset({ '2021': { collected: '2022-01-10' } }), P, at('2022-04-04'));
    expect(pending).toMatchObject({ collected: true, validated: false, gap: 'menunggu-validasi' });
    const failed = evaluateItem(item(), dataset({ '2021': { collected: '2022-01-10', validated: '2022-01-11', errors: 4 } }), P, at('2022-04-04'));
    expect(failed).toMatchObject({ collected: true, validated: false, errors: 4, gap: 'gagal-validasi' });
  });

  it('says "tervalidasi belum terbit" for validated, unpublished data', () => {
    const r = evaluateItem(item(), dataset({ '2021': { collected: '2022-01-10', validated: '2022-01-11', errors: 0 } }), P, at('2022-04-04'));
    expect(r).toMatchObject({ validated: true, published: false, gap: 'belum-terbit' });
  });

  it('moves due → overdue → delinquent on the grace days (annual: +60 / +90)', () => {
    expect(evaluateItem(item(), undefined, P, at('2022-05-29')).timeliness).toBe('jatuh_tempo');
    expect(evaluateItem(item(), undefined, P, at('2022-05-30')).timeliness).toBe('terlambat'); // 2022-03-31 + 60
    expect(evaluateItem(item(), undefined, P, at('2022-06-29')).timeliness).toBe('sangat_terlambat'); // + 90
    expect(evaluateItem(item(), undefined, P, at('2022-06-29')).daysLate).toBe(90);
  });

  it('honours a per-item release lag and marks late publication', () => {
    const late = evaluateItem(item({ lag: 180 }), undefined, P, at('2022-04-04'));
    expect(late.period).toBe('2020'); // 2021 is only due on 2022-06-29
    const r = evaluateItem(item(), dataset({ '2021': { collected: '2022-05-01', published: '2022-06-10' } }), P, at('2022-07-01'));
    expect(r).toMatchObject({ published: true, timeliness: 'terbit_terlambat', daysLate: 0 });
    expect(r.gap).toBeUndefined();
  });

  it('never makes irregular items overdue and counts any observed period', () => {
    const none = evaluateItem(item({ frekuensi: 'tidak_tetap', periodeAwal: '2020' }), dataset({}), P, at('2030-01-01'));
    expect(none).toMatchObject({ timeliness: 'tidak_tetap', gap: 'belum-ada-isian', daysLate: 0 });
    const some = evaluateItem(item({ frekuensi: 'tidak_tetap', periodeAwal: '2020' }), dataset({ '2021': { collected: '2021-06-01', published: '2021-06-02' } }), P, at('2030-01-01'));
    expect(some).toMatchObject({ published: true, period: '2021' });
  });

  it('leaves items with nothing due yet out of the funnel', () => {
    const r = evaluateItem(item({ periodeAwal: '2022' }), undefined, P, at('2022-04-04'));
    expect(r).toMatchObject({ period: null, timeliness: 'belum_jatuh_tempo' });
  });
});
