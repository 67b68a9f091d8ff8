import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateFile } from '../../src/check/validate-file.js';
import { standardById } from '../../src/standards/resolve.js';
import { planCsvSplit } from '../../src/read/csv-split.js';
import { openSource } from '../../src/read/open.js';
import { validateSource } from '../../src/check/validate-table.js';
import { csvSharder, splitPays } from '../../src/check/shard.js';
import { runCli } from '../support/cli.js';
import type { TableReport } from '../../src/report/issue.js';
import type { TableSchema } from '../../src/standards/schema.js';

const dir = mkdtempSync(join(tmpdir(), 'satudata-shard-'));
const KEC = [['52.01.01', 'Gerung'], ['52.01.02', 'Kediri'], ['52.01.03', 'Narmada'], ['52.01.07', 'Sekotong'], ['52.01.08', 'Labuapi']];

/** A file with defects in both halves, keys repeated within and across the halves, quoted line breaks. */
function makeFile(): string {
  const lines = ['Jumlah penduduk per kecamatan (uji shard),,,,,', 'kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan,jumlah'];
  for (let y = 1900; y < 2100; y++) {
    for (const [code, name] of KEC) {
      const l = (y * 7) % 1000;
      const p = (y * 11) % 1000;
      const row = [code, y % 37 === 0 ? `"${name}\nbaris baru"` : name, String(y), String(l), String(p), String(l + p)];
      if (y % 53 === 0 && code === '52.01.02') row[3] = '12 ribu'; // type error (12.345 in an integer column now reads as 12345)
      if (y % 41 === 0 && code === '52.01.03') row[5] = '1'; // sum-mismatch
      if (y % 29 === 0 && code === '52.01.07') row[1] = 'Kuripan'; // name-mismatch
      lines.push(row.join(','));
    }
  }
  lines.push('52.01.01,Gerung,1950,1,1,2', '52.01.02,Kediri,2090,1,1,2'); // repeated keys from both halves
  lines.push('Jumlah,,,,,', ',,,,,', 'Sumber: uji,,,,,');
  const path = join(dir, 'penduduk.csv');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

const comparable = (r: TableReport) => {
  const t = JSON.parse(JSON.stringify(r)) as TableReport;
  t.stats.seconds = 0;
  return t;
};

afterEach(() => {
  delete process.env.SATUDATA_SHARD_MIN_BYTES;
  delete process.env.SATUDATA_SHARD;
});

describe('whether a split pays', () => {
  it('splits a large file only with a second core and about one core free', () => {
    const big = 64 * 1024 * 1024;
    expect(splitPays(big, undefined, 2, 0.2)).toBe(true);
    expect(splitPays(big, undefined, 2, 1.1)).toBe(false); // the second core is busy: 9% slower
    expect(splitPays(big, undefined, 1, 0)).toBe(false);
    expect(splitPays(big, undefined, 8, 5)).toBe(true);
    expect(splitPays(1024, undefined, 2, 0)).toBe(false); // small files never
    expect(splitPays(big, 'never', 2, 0)).toBe(false);
    expect(splitPays(big, 'always', 2, 7)).toBe(true);
  });
});

describe('validating a large CSV in two shards', () => {
  it('splits at a record boundary outside quotes', async () => {
    const path = join(dir, 'q.csv');
    writeFileSync(path, 'a,b\n1,"x\ny"\n2,"z\nw"\n3,v\n4,u\n');
    const split = (planCsvSplit(path, 33))!;
    expect(split.records).toBeGreaterThan(0);
    const text = 'a,b\n1,"x\ny"\n2,"z\nw"\n3,v\n4,u\n';
    expect(text[split.startByte - 1]).toBe('\n');
    // the records before the split are whole: the quote count before it is even
    expect((text.slice(0, split.startByte).match(/"/g) ?? []).length % 2).toBe(0);
  });

  it('plans the same split over quoted and quote-free chunks as a plain scan of the bytes', async () => {
    // a reference plan: walk every byte, toggling on quotes, counting line breaks and records
    const reference = (text: string) => {
      const middle = Math.floor(text.length / 2);
      let records = 0;
      let lines = 0;
      let inQuote = false;
      for (let i = 0; i < text.length; i++) {
        if (text[i] === '"') inQuote = !inQuote;
        else if (text[i] === '\n') {
          lines++;
          if (!inQuote) {
            records++;
            if (i >= middle) return { startByte: i + 1, records, lines };
          }
        }
      }
      return null;
    };
    const rows = (n: number, quoted: (i: number) => boolean) =>
      Array.from({ length: n }, (_, i) => (quoted(i) ? `${i},"baris\nke ${i}, ""kutip""",${i * 7}\n` : `${i},baris ke ${i},${i * 7}\n`)).join('');
    const files = {
      // several 1 MB chunks without a quote: counted chunk by chunk
      plain: 'kode,nama,nilai\n' + rows(120000, () => false),
      // quotes with line breaks in the first chunks only, then none
      'quoted-head': 'kode,nama,nilai\n' + rows(40000, (i) => i % 3 === 0) + rows(80000, () => false),
      // a quote in every chunk, up to and past the middle
      'quoted-all': 'kode,nama,nilai\n' + rows(120000, (i) => i % 1000 === 7),
    };
    for (const [name, text] of Object.entries(files)) {
      const path = join(dir, `${name}.csv`);
      writeFileSync(path, text);
      expect(text.length, name).toBeGreaterThan(2 << 20);
      const hash = createHash('sha256');
      const split = planCsvSplit(path, text.length, 0.5, hash);
      expect(split, name).toEqual(reference(text));
      // the bytes before the split hashed in the same pass, chunk by chunk
      expect(hash.digest('hex'), name).toBe(createHash('sha256').update(text.slice(0, split!.startByte)).digest('hex'));
    }
  });

  it('gives exactly the report a single pass gives (issues, counts, layout, keys across the halves)', async () => {
    const path = makeFile();
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const [single] = await validateFile(path, { dataStandard: std, maxErrors: 5000, metadata: false });
    process.env.SATUDATA_SHARD_MIN_BYTES = '1';
    process.env.SATUDATA_SHARD = 'always'; // whatever the machine's load
    const [sharded] = await validateFile(path, { dataStandard: std, maxErrors: 5000, metadata: false });
    expect(comparable(sharded!)).toEqual(comparable(single!));
    // and it really was split: the same run through validateSource, watching the shard decision
    let split: number | undefined;
    const src = await openSource(path);
    const sharder = csvSharder(src.info, () => std, 5000);
    await validateSource(src, {
      schema: std.schema, maxErrors: 5000,
      shard: async (ready) => {
        const h = await sharder(ready);
        split = h?.stopAfter;
        return h;
      },
    });
    expect(split).toBeGreaterThan(400);
    const codes = new Set(single!.issues.map((i) => i.code));
    for (const c of ['type-error', 'sum-mismatch', 'name-mismatch', 'primary-key', 'total-row', 'footnote-row', 'title-row']) expect(codes, c).toContain(c);
    const cross = single!.issues.find((i) => i.code === 'primary-key' && i.value === '52.01.02, 2090')!;
    expect(cross.params).toMatchObject({ first: expect.any(Number) });
  });

  it('a UTF-16 file (a line break is two bytes) is never split, and reads as its UTF-8 twin does', async () => {
    const path = makeFile();
    const u16 = join(dir, 'penduduk-utf16.csv');
    writeFileSync(u16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(path, 'utf8').replaceAll(',', '\t'), 'utf16le')]));
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const [utf8] = await validateFile(path, { dataStandard: std, maxErrors: 5000, metadata: false });
    process.env.SATUDATA_SHARD_MIN_BYTES = '1';
    process.env.SATUDATA_SHARD = 'always';
    const [wide] = await validateFile(u16, { dataStandard: std, maxErrors: 5000, metadata: false });
    let handle: unknown = 'not asked';
    const src = await openSource(u16);
    const sharder = csvSharder(src.info, () => std, 5000);
    await validateSource(src, { schema: std.schema, maxErrors: 5000, shard: async (ready) => (handle = await sharder(ready)) });
    expect(handle).toBeNull();
    const key = (i: TableReport['issues'][number]) => `${i.code} ${i.row ?? ''} ${i.column ?? ''} ${i.value ?? ''}`;
    // the same findings, row for row; the file-level notes say UTF-16 and tab instead of nothing
    const a = utf8!.issues.map(key);
    const b = wide!.issues.map(key);
    expect(a.length).toBeGreaterThan(50);
    expect(a.filter((k) => !b.includes(k))).toEqual([]);
    expect(b.filter((k) => !a.includes(k))).toEqual(['encoding-utf16   ', 'csv-delimiter   ']);
    expect(wide!.issues.find((i) => i.code === 'encoding-utf16')!.params).toEqual({ encoding: 'UTF-16LE' });
  });

  it('a table pasted twice (every key of the second half repeats one of the first): the same report, the kept repeats with their text', async () => {
    const path = join(dir, 'twice.csv');
    const n = 250_000;
    const rows = Array.from({ length: n }, (_, i) => `${i},${i % 97}`).join('\n');
    writeFileSync(path, `kode,nilai\n${rows}\n${rows}\n`);
    const schema = { fields: [{ name: 'kode', type: 'integer' }, { name: 'nilai', type: 'integer', constraints: { minimum: 0 } }], primaryKey: ['kode'] } as unknown as TableSchema;
    const [single] = await validateFile(path, { schema, maxErrors: 50, metadata: false });
    process.env.SATUDATA_SHARD_MIN_BYTES = '1';
    process.env.SATUDATA_SHARD = 'always';
    // every repeat's first appearance is in the other shard: only the 50 the report keeps are read back
    const [sharded] = await validateFile(path, { schema, maxErrors: 50, metadata: false });
    expect(comparable(sharded!)).toEqual(comparable(single!));
    expect(single!.stats.errors).toBe(n);
    const repeats = sharded!.issues.filter((i) => i.code === 'primary-key');
    expect(repeats.length).toBeGreaterThan(40);
    // row r of the second copy (rows n + 2 …) holds kode r - n - 2, first seen on row r - n
    for (const i of repeats) expect([i.value, i.params?.first]).toEqual([String(i.row! - n - 2), i.row! - n]);
    // and with every issue kept (a quarter of a million cell errors from both halves): still the same report
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `kode,nilai\n${Array.from({ length: n }, (_, i) => `${i},-${i + 1}`).join('\n')}\n`);
    const [bad2] = await validateFile(bad, { schema, maxErrors: 1_000_000, metadata: false });
    process.env.SATUDATA_SHARD = 'never';
    const [bad1] = await validateFile(bad, { schema, maxErrors: 1_000_000, metadata: false });
    expect(bad2!.issues.length).toBe(n);
    expect(bad2!.issues.map((i) => i.value)).toEqual(bad1!.issues.map((i) => i.value));
    expect(bad2!.stats.errors).toBe(bad1!.stats.errors);
  });

  it('a run of blank rows the split cuts in two is one range, as a single pass reports it', async () => {
    const path = join(dir, 'kosong.csv');
    const schema = { fields: [{ name: 'kode', type: 'integer' }, { name: 'nilai', type: 'integer' }] } as unknown as TableSchema;
    const data = (from: number, n: number) => Array.from({ length: n }, (_, i) => `${from + i},${i % 7}`).join('\n');
    // 2,000 rows, 200,000 blank lines (the middle of the file), 5 rows, 3 blank lines at the end
    writeFileSync(path, `kode,nilai\n${data(0, 2000)}\n${',\n'.repeat(200_000)}${data(5000, 5)}\n,\n,\n,\n`);
    const [single] = await validateFile(path, { schema, maxErrors: 100, metadata: false });
    const blanks = single!.issues.filter((i) => i.code === 'blank-row').map((i) => [i.row, i.params?.row]);
    expect(blanks).toEqual([[2002, '2002–202001'], [202007, 202007], [202008, 202008], [202009, 202009]]);
    expect(single!.stats.warnings).toBe(4);
    process.env.SATUDATA_SHARD_MIN_BYTES = '1';
    process.env.SATUDATA_SHARD = 'always';
    const [sharded] = await validateFile(path, { schema, maxErrors: 100, metadata: false });
    expect(comparable(sharded!)).toEqual(comparable(single!));
    // and the split did fall inside the run
    const src = await openSource(path);
    let split: number | undefined;
    await validateSource(src, {
      schema, maxErrors: 100,
      shard: async (ready) => {
        const h = await csvSharder(src.info, () => ({ schema, info: {} }) as never, 100)(ready);
        split = h?.stopAfter;
        return h;
      },
    });
    expect(split).toBeGreaterThan(2002);
    expect(split).toBeLessThan(202001);
  });

  it('reads on while the split is planned, and reads every row itself when the split arrives too late', async () => {
    const path = makeFile();
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const plain = await validateSource(await openSource(path), { schema: std.schema, maxErrors: 5000 });
    let cancelled = false;
    const late = await validateSource(await openSource(path), {
      schema: std.schema, maxErrors: 5000,
      // a plan that comes back after the last row: this thread must not stop at its split
      shard: async () => {
        await new Promise((r) => setTimeout(r, 300));
        return { stopAfter: 10, start: { byte: 0, line: 0 }, result: new Promise(() => undefined), cancel: () => { cancelled = true; } };
      },
    });
    expect(cancelled).toBe(true);
    expect(comparable(late)).toEqual(comparable(plain));
  });

  it('is the same through the built CLI, where the second shard runs on a worker thread', () => {
    const path = makeFile();
    const args = ['validate', path, '--standard', 'penduduk-jenis-kelamin-kecamatan', '--format', 'json', '--max-errors', '5000'];
    const single = JSON.parse(runCli(args).stdout);
    const sharded = JSON.parse(runCli(args, { SATUDATA_SHARD_MIN_BYTES: '1', SATUDATA_SHARD: 'always' }).stdout);
    for (const r of [single, sharded]) r.stats.seconds = r.tables[0].stats.seconds = 0;
    expect(sharded).toEqual(single);
    // the file's SHA-256 came from the worker (the bytes before the split hashed while it waited, its shard's as
    // it read them): the first thread's reader stopped at the split
    expect(sharded.tables[0].stats.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
  });

  it('hashes exactly the bytes before the split in the plan\'s pass', () => {
    const path = makeFile();
    const bytes = readFileSync(path);
    const hash = createHash('sha256');
    const split = planCsvSplit(path, bytes.length, 0.5, hash)!;
    hash.update(bytes.subarray(split.startByte));
    expect(hash.digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});
