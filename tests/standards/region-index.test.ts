import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adopt, buildFresh, fieldsAt, find, isNamed, LEVELS, linesOf, load, loadAsync, namedAt, serialise, villageSlots } from '../../src/standards/region-index.js';

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
        expect(isNamed(code, name)).toBe(plain);
        if (plain) named++;
        expect(isNamed(code, `${name}x`)).toBe(false);
        if (name.length > 1) expect(isNamed(code, name.slice(0, -1))).toBe(false);
        // a name past its 16 bytes held in the slot is compared to the end, on the line
        if (plain && name.length > 17) expect(isNamed(code, `${name.slice(0, 17)}${name[17] === 'Q' ? 'R' : 'Q'}${name.slice(18)}`)).toBe(false);
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
    // 13 characters, read without a loop: every position is checked
    for (const t of ['52.01.01:1001', '52.01.01.100a', '5a.01.01.1001', '52-01.01.1001', '52.01.01.1/01', '52.01.0.11001', '52.01.01.10 1', '\u0665' + '2.01.01.1001']) {
      expect(find(t)).toBe(-1);
    }
    // a village code with any one character changed is another region's code or none
    const code = '52.01.01.2001';
    const line = find(code);
    for (let k = 0; k < code.length; k++) {
      for (const c of '0123456789.:/a ') {
        const t = code.slice(0, k) + c + code.slice(k + 1);
        const at = find(t);
        if (t === code) expect(at).toBe(line);
        else if (at >= 0) expect(fieldsAt(at).code).toBe(t);
      }
    }
  });

  it('tells a province, regency and district name apart from a near spelling', () => {
    const ntb = fieldsAt(find('52')).name;
    expect(isNamed('52', ntb)).toBe(true);
    expect(isNamed('52', ntb.toLowerCase())).toBe(false);
    const lobar = fieldsAt(find('52.01')).name;
    expect(isNamed('52.01', lobar)).toBe(true);
    expect(isNamed('52.01', 'Lombok Barat')).toBe(lobar === 'Lombok Barat');
    // the code is confirmed exactly (digits, count and dots), never by its hash alone
    expect(isNamed('52.01.01', lobar)).toBe(false);
    expect(isNamed('5201', lobar)).toBe(false);
    expect(isNamed('52.10', lobar)).toBe(false);
    expect(isNamed('99.01', lobar)).toBe(false);
  });
});

describe('village codes looked up a batch at a time', () => {
  it('finds what find() and isNamed() find, row by row, in a batch longer than its first buffers', () => {
    const villages = [...linesOf('desa_kelurahan')].filter((_, k) => k % 37 === 0).map((line) => fieldsAt(line));
    const cells: (string[] | [])[] = [];
    villages.forEach(({ code, name }, k) => {
      // the right name, another village's name, a code with a space, an unknown and a non-village code
      cells.push([code, name], [code, villages[(k + 1) % villages.length]!.name]);
      if (k % 10 === 0) cells.push([` ${code}`, name], [`${code.slice(0, 9)}9999`, name], [code.slice(0, 8), name], [code.replace(/\./g, ''), name], [`${code.slice(0, 12)}a`, name], []);
      // the same unknown or malformed code on consecutive rows (the previous row's look-up is reused)
      if (k % 10 === 5) cells.push([`${code.slice(0, 9)}9999`, name], [`${code.slice(0, 9)}9999`, name], [`${code.slice(0, 12)}a`, name], [`${code.slice(0, 12)}a`, name], [code, name]);
    });
    expect(cells.length).toBeGreaterThan(2 * 1024);
    const rows = cells.map((c) => ({ cells: c as string[] }));
    const slots = new Int32Array(rows.length);
    villageSlots(rows, 0, slots);
    let found = 0;
    rows.forEach(({ cells: [code, name] }, k) => {
      const s = slots[k]!;
      if (code === undefined || code.length !== 13 || !/^\d\d\.\d\d\.\d\d\.\d{4}$/.test(code)) expect(s).toBe(-2);
      else if (find(code) < 0) expect(s).toBe(-1);
      else {
        found++;
        expect(s).toBeGreaterThanOrEqual(0);
        expect(namedAt(s, 13, name!)).toBe(isNamed(code, name!));
        expect(namedAt(s, 13, `${name}x`)).toBe(false);
      }
    });
    expect(found).toBe(2 * villages.length + villages.filter((_, k) => k % 10 === 5).length);
    // the other column of the same rows: names are no codes
    villageSlots(rows, 1, slots);
    expect([...slots].every((s) => s === -2)).toBe(true);
  });
});

describe('prebuilt region index', () => {
  it('loads what serialise() wrote, slot for slot, and answers the same lookups', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-ri-'));
    try {
      const path = join(dir, 'region-index.bin');
      const written = serialise();
      writeFileSync(path, written);
      const loaded = load(path);
      expect(loaded).not.toBeNull();
      // read on the thread pool (preload): the same parts, in shared memory
      const early = await loadAsync(path);
      for (const k of ['bytes', 'starts', 'table'] as const) {
        expect(early![k].buffer).toBeInstanceOf(SharedArrayBuffer);
        expect(Buffer.compare(Buffer.from(early![k].buffer), Buffer.from(loaded![k].buffer)), k).toBe(0);
      }
      expect(early!.bounds).toEqual(loaded!.bounds);
      // a fresh build writes the same bytes (the build step is deterministic)
      buildFresh();
      expect(Buffer.compare(serialise(), written)).toBe(0);
      // and the loaded index answers as the built one
      const lobar = fieldsAt(find('52.01')).name;
      adopt({ bytes: loaded!.bytes.buffer as SharedArrayBuffer, starts: loaded!.starts.buffer as SharedArrayBuffer, table: loaded!.table.buffer as SharedArrayBuffer, bounds: loaded!.bounds });
      expect(Buffer.compare(serialise(), written)).toBe(0);
      expect(isNamed('52.01', lobar)).toBe(true);
      let checked = 0;
      for (const line of linesOf('desa_kelurahan')) {
        const { code, name } = fieldsAt(line);
        if (!/^[A-Za-z .'-]+$/.test(name)) continue;
        expect(isNamed(code, name)).toBe(true);
        expect(isNamed(code, `${name} `)).toBe(false);
        if (++checked === 2000) break;
      }
      expect(find('52.99')).toBe(-1);
      expect([...linesOf('desa_kelurahan')].length).toBeGreaterThan(80000);
      buildFresh();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is ignored when it was built from other data, cut short, or is not an index at all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-ri-'));
    try {
      const good = serialise();
      const nl = good.indexOf(10);
      const head = JSON.parse(good.subarray(0, nl).toString());
      // data files of another size (a new edition put in standards/codes/wilayah): one digit changed, same length
      const stamp = head.stamp.replace(/("sizes":\[)(\d)/, (_: string, at: string, d: string) => at + (d === '9' ? '8' : String(Number(d) + 1)));
      expect(stamp).not.toBe(head.stamp);
      const other = JSON.stringify({ ...head, stamp });
      const cases: Record<string, Buffer> = {
        'other-data.bin': Buffer.concat([Buffer.from(other.padEnd(nl, ' ')), good.subarray(nl)]),
        'short.bin': good.subarray(0, good.length - 100),
        'garbage.bin': Buffer.from('not an index\n'),
      };
      for (const [name, bytes] of Object.entries(cases)) {
        writeFileSync(join(dir, name), bytes);
        expect(load(join(dir, name)), name).toBeNull();
        expect(await loadAsync(join(dir, name)), name).toBeNull();
      }
      expect(load(join(dir, 'missing.bin'))).toBeNull();
      expect(await loadAsync(join(dir, 'missing.bin'))).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
