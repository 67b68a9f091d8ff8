import { describe, expect, it } from 'vitest';
import { codeList, listNames, sameUnit } from '../../src/standards/code-lists.js';

describe('code lists in standards/codes', () => {
  it('ships the lists the standards bind to', () => {
    expect(listNames()).toEqual(expect.arrayContaining(['opd-ntb', 'urusan', 'frekuensi', 'tingkat-penyajian', 'satuan', 'lisensi', 'topik', 'provinsi']));
    expect(codeList('urusan')!.byCode.get('2.20')!.nama).toBe('Statistik');
    expect(codeList('opd-ntb')!.entries.length).toBeGreaterThanOrEqual(35);
    expect(codeList('tidak-ada')).toBeUndefined();
  });

  it('treats unit synonyms as the same unit', () => {
    expect(sameUnit('jiwa', 'orang')).toBe(true);
    expect(sameUnit('Persen', '%')).toBe(true);
    expect(sameUnit('ha', 'hektar')).toBe(true);
    expect(sameUnit('jiwa', 'ton')).toBe(false);
  });
});
