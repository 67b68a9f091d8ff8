/** The value rules one cell at a time. */
import { describe, expect, it } from 'vitest';
import { convert, type ValueContext } from '../../src/fix/values.js';
import { CellKind } from '../../src/read/table.js';
import type { FieldDef } from '../../src/standards/schema.js';

const ctx = (over: Partial<ValueContext> = {}): ValueContext => ({ locale: 'id', dateOrder: 'dmy', dash: 'missing', missing: '', dateSystem: 1900, ...over });
const int: FieldDef = { name: 'n', type: 'integer' };
const num: FieldDef = { name: 'x', type: 'number' };
const date: FieldDef = { name: 'd', type: 'date' };
const code: FieldDef = { name: 'k', type: 'string', 'satudata:kode': { daftar: 'wilayah', tingkat: 'kecamatan' } } as FieldDef;

describe('fix value rules', () => {
  it('reads Indonesian numbers by the decided locale', () => {
    expect(convert('1.234.567', undefined, int, ctx())).toEqual({ ok: true, value: '1234567', rule: 'number-id' });
    expect(convert('1.234,5', undefined, num, ctx())).toEqual({ ok: true, value: '1234.5', rule: 'number-id' });
    expect(convert('900.545', undefined, int, ctx())).toEqual({ ok: true, value: '900545', rule: 'number-id' });
    expect(convert('900.545', undefined, int, ctx({ locale: null }))).toEqual({ ok: false, reason: 'ambiguous-number' });
    expect(convert('900.545', undefined, int, ctx({ locale: 'en' }))).toEqual({ ok: false, reason: 'not-integer' });
    expect(convert('1,234,567.89', undefined, num, ctx({ locale: null }))).toEqual({ ok: true, value: '1234567.89', rule: 'number-en' });
    expect(convert(' Rp4,800.00 ', undefined, num, ctx({ locale: 'en' }))).toEqual({ ok: true, value: '4800', rule: 'number-decor' });
    expect(convert('42', CellKind.Number, int, ctx())).toEqual({ ok: true, value: '42' });
  });

  it('turns markers into the missing value, or "-" into zero when asked', () => {
    expect(convert('-', undefined, int, ctx())).toEqual({ ok: true, value: '', rule: 'missing-marker' });
    expect(convert('...', undefined, int, ctx({ dash: 'zero' }))).toEqual({ ok: true, value: '', rule: 'missing-marker' });
    expect(convert('-', undefined, int, ctx({ dash: 'zero' }))).toEqual({ ok: true, value: '0', rule: 'dash-zero' });
  });

  it('dates: Indonesian months, Excel serials, D/M/Y unless the column proves M/D', () => {
    expect(convert('Selasa, 25 Agustus 2026', undefined, date, ctx())).toEqual({ ok: true, value: '2026-08-25', rule: 'date-id' });
    expect(convert('17 Pebruari 2023', undefined, date, ctx())).toEqual({ ok: true, value: '2023-02-17', rule: 'date-id' });
    expect(convert('45123', undefined, date, ctx())).toEqual({ ok: true, value: '2023-07-16', rule: 'date-serial' });
    expect(convert('1/2/2023', undefined, date, ctx({ dateOrder: 'mdy' }))).toEqual({ ok: true, value: '2023-01-02', rule: 'date-id' });
    expect(convert('1/2/2023', undefined, date, ctx({ dateOrder: null }))).toEqual({ ok: false, reason: 'ambiguous-date' });
  });

  it('codes: floats and undotted forms become dotted Kemendagri codes', () => {
    expect(convert('520101.0', undefined, code, ctx())).toEqual({ ok: true, value: '52.01.01', rule: 'code-float' });
    expect(convert('520101', undefined, code, ctx())).toEqual({ ok: true, value: '52.01.01', rule: 'code-undotted' });
    expect(convert('52.01.01', undefined, code, ctx())).toEqual({ ok: true, value: '52.01.01' });
  });
});
