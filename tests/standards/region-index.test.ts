import { describe, expect, it } from 'vitest';
import { fieldsAt, find, LEVELS, linesOf, nameIs } from '../../src/standards/region-index.js';

describe('region index lookups', () => {
  it('finds every region by its own code, and its plain name agrees byte for byte', () => {
    let regions = 0;
    let named = 0;
    for (const level of LEVELS) {
      for (const line of linesOf(level)) {
        const { code, name } = fieldsAt(line);
        regions++;
        expect(find(code)).toBe(line);
        // ASCII names without quotes are compared in place; the others are left to the slow path (false)
        // (the data quotes a name holding a comma or a quote)
        const plain = /^[\x20-\x7e]*$/.test(name) && !/[",]/.test(name);
        expect(nameIs(line, name, code.length)).toBe(plain);
        if (plain) named++;
        expect(nameIs(line, `${name}x`, code.length)).toBe(false);
        if (name.length > 1) expect(nameIs(line, name.slice(0, -1), code.length)).toBe(false);
      }
    }
    expect(regions).toBeGreaterThan(90000);
    expect(named).toBeGreaterThan(80000);
  });

  it('answers -1 for texts that are not a known dotted code', () => {
    expect(find('52.01.01.1001')).toBeGreaterThanOrEqual(0);
    for (const t of ['', '5', '5201', '52.01.01.10011', '52.01.01.9999', '52,01', '52.0a', '99', '00', '52.99', ' 52.01', '52.01.01.100']) {
      expect(find(t)).toBe(-1);
    }
  });

  it('tells a province, regency and district name apart from a near spelling', () => {
    const ntb = find('52');
    expect(nameIs(ntb, fieldsAt(ntb).name, 2)).toBe(true);
    expect(nameIs(ntb, fieldsAt(ntb).name.toLowerCase(), 2)).toBe(false);
    const lobar = find('52.01');
    expect(nameIs(lobar, fieldsAt(lobar).name, 5)).toBe(true);
    expect(nameIs(lobar, 'Lombok Barat', 5)).toBe(fieldsAt(lobar).name === 'Lombok Barat');
  });
});
