import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { copyFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkOutputName, OutputError, refuseSameFile, SameFileError, scratchDirFor, withAtomicFile, writeDirAtomic, writeFileAtomic, writeUnitAtomic } from '../../src/io/atomic.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'satudata-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('atomic writes', () => {
  it('writes a file in a new folder, replaces an old one, and keeps the mode', async () => {
    const dest = join(dir, 'a', 'b', 'out.json');
    await writeFileAtomic(dest, '{"v":1}');
    await writeFileAtomic(dest, '{"v":2}', 0o600);
    expect(readFileSync(dest, 'utf8')).toBe('{"v":2}');
    expect(statSync(dest).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['out.json']);
  });

  it('on a failing writer the destination is untouched and no temporary file is left', async () => {
    const dest = join(dir, 'laporan.xlsx');
    writeFileSync(dest, 'lama');
    await expect(withAtomicFile(dest, async (tmp) => {
      writeFileSync(tmp, 'setengah');
      throw new Error('disk penuh');
    })).rejects.toThrow('disk penuh');
    expect(readFileSync(dest, 'utf8')).toBe('lama');
    expect(readdirSync(dir)).toEqual(['laporan.xlsx']);
  });

  it('builds a folder in a temporary one and swaps it in whole; a failed build leaves the old folder', async () => {
    const dest = join(dir, 'paket');
    mkdirSync(dest);
    writeFileSync(join(dest, 'lama.csv'), 'x');
    // the old folder is one the caller recognises as an earlier output of its own (a package)
    const earlier = async (d: string) => existsSync(join(d, 'lama.csv')) || existsSync(join(d, 'baru.csv'));
    const n = await writeDirAtomic(dest, async (tmp) => {
      writeFileSync(join(tmp, 'baru.csv'), 'y');
      expect(existsSync(join(dest, 'lama.csv'))).toBe(true); // the old one stays until the build is complete
      return 1;
    }, earlier);
    expect(n).toBe(1);
    expect(readdirSync(dest)).toEqual(['baru.csv']);
    await expect(writeDirAtomic(dest, async () => {
      throw new Error('batal');
    }, earlier)).rejects.toThrow('batal');
    expect(readdirSync(dest)).toEqual(['baru.csv']);
    expect(readdirSync(dir)).toEqual(['paket']);
  });

  it('an output it cannot write is an OutputError naming the destination (not the temporary), nothing left behind', async () => {
    const folder = join(dir, 'laporan.json');
    mkdirSync(folder); // a folder in the way
    const err = await writeFileAtomic(folder, '{}').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputError);
    expect(err).toMatchObject({ path: folder, reason: '@reason.directory' });
    writeFileSync(join(dir, 'berkas'), 'x'); // a file where a folder should be
    expect(await writeFileAtomic(join(dir, 'berkas', 'out.json'), '{}').catch((e: unknown) => e)).toMatchObject({ path: join(dir, 'berkas', 'out.json'), reason: '@reason.exists' }); // mkdir -p meets the file
    expect(readdirSync(dir).sort()).toEqual(['berkas', 'laporan.json']);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('an input that cannot be read while building keeps its own error (not "cannot write the output")', async () => {
    const err = await writeDirAtomic(join(dir, 'paket'), async (tmp) => {
      await copyFile(join(dir, 'hilang.csv'), join(tmp, 'data.csv'));
    }).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(OutputError);
    expect(err).toMatchObject({ code: 'ENOENT', path: join(dir, 'hilang.csv') });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps the temporary name under the 255-byte limit for long output names', async () => {
    const dest = join(dir, 'x'.repeat(250) + '.csv');
    await writeFileAtomic(dest, 'a');
    expect(readFileSync(dest, 'utf8')).toBe('a');
  });

  it('refuses an output path that is the input file', () => {
    expect(() => refuseSameFile('data/x.csv', './data/../data/x.csv')).toThrow(SameFileError);
    expect(() => refuseSameFile('data/x.csv', 'data/x.rapi.csv')).not.toThrow();
  });
});

describe('outputs written as a unit (writeUnitAtomic)', () => {
  const fsError = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(code), { code, syscall: 'write', ...extra });

  it('all or nothing: a failing second part leaves neither output, and older outputs stay as they were', async () => {
    const a = join(dir, 'data.rapi.csv');
    const b = join(dir, 'data.rapi.csv.perubahan.csv');
    writeFileSync(a, 'lama');
    await expect(writeUnitAtomic([
      { dest: a, write: async (tmp) => writeFileSync(tmp, 'baru') },
      { dest: b, write: async () => { throw new Error('gagal'); } },
    ])).rejects.toThrow('gagal');
    expect(readFileSync(a, 'utf8')).toBe('lama');
    expect(existsSync(b)).toBe(false);
    expect(readdirSync(dir)).toEqual(['data.rapi.csv']);
    await writeUnitAtomic([
      { dest: a, write: async (tmp) => writeFileSync(tmp, 'baru') },
      { dest: b, write: async (tmp) => writeFileSync(tmp, 'log') },
    ]);
    expect([readFileSync(a, 'utf8'), readFileSync(b, 'utf8')]).toEqual(['baru', 'log']);
    expect(readdirSync(dir).sort()).toEqual(['data.rapi.csv', 'data.rapi.csv.perubahan.csv']);
  });

  it('checks every name before writing anything: a companion name too long → output-error naming it, nothing written', async () => {
    const a = join(dir, 'x'.repeat(245) + '.csv');
    const b = `${a}.perubahan.csv`;
    let wrote = 0;
    const err = await writeUnitAtomic([
      { dest: a, write: async (tmp) => { wrote++; writeFileSync(tmp, 'x'); } },
      { dest: b, write: async (tmp) => { wrote++; writeFileSync(tmp, 'y'); } },
    ]).catch((e) => e);
    expect(err).toBeInstanceOf(OutputError);
    expect((err as OutputError).path).toBe(b);
    expect((err as OutputError).reason).toBe('@reason.name-too-long');
    expect(wrote).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
    expect(() => checkOutputName(join(dir, 'ok.csv'))).not.toThrow();
  });

  it('a full disk names the output (never an empty path), also when the error names the input being copied', async () => {
    const zip = join(dir, 'paket.zip');
    const e1 = await writeUnitAtomic([{ dest: zip, write: async () => { throw fsError('ENOSPC'); } }]).catch((e) => e);
    expect(e1).toBeInstanceOf(OutputError);
    expect([(e1 as OutputError).path, (e1 as OutputError).reason]).toEqual([zip, '@reason.no-space']);
    const e2 = await writeUnitAtomic([{
      dest: zip,
      write: async (tmp) => { throw fsError('ENOSPC', { syscall: 'copyfile', path: '/data/input.csv', dest: tmp }); },
    }]).catch((e) => e);
    expect([(e2 as OutputError).path, (e2 as OutputError).reason]).toEqual([zip, '@reason.no-space']);
    // an input that cannot be read keeps its own error
    const e3 = await writeUnitAtomic([{ dest: zip, write: async () => { throw fsError('ENOENT', { syscall: 'open', path: '/data/input.csv' }); } }]).catch((e) => e);
    expect(e3).not.toBeInstanceOf(OutputError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a scratch folder for building one part lives next to the output and its errors name the output', async () => {
    const zip = join(dir, 'sub', 'paket.zip');
    const scratch = await scratchDirFor(zip);
    expect(scratch.startsWith(join(dir, 'sub', '.paket.zip.'))).toBe(true);
    const e = await writeUnitAtomic([{ dest: zip, write: async () => { throw fsError('EROFS', { path: join(scratch, 'data', 'x.csv') }); } }]).catch((x) => x);
    expect([(e as OutputError).path, (e as OutputError).reason]).toEqual([zip, '@reason.read-only']);
  });
  it('never deletes a folder that stands where a file goes: fix --out data, with a folder data of the user\'s → output-error, the folder as it was', async () => {
    const folder = join(dir, 'data');
    mkdirSync(folder);
    writeFileSync(join(folder, 'simpan.txt'), 'milik pengguna');
    const unit = await writeUnitAtomic([{ dest: folder, write: async (tmp) => writeFileSync(tmp, 'rapi') }, { dest: `${folder}.perubahan.csv`, write: async (tmp) => writeFileSync(tmp, 'log') }]).catch((e: unknown) => e);
    expect(unit).toMatchObject({ path: folder, reason: '@reason.directory' });
    expect(readdirSync(folder)).toEqual(['simpan.txt']);
    expect(readdirSync(dir)).toEqual(['data']);
    const one = await withAtomicFile(folder, async (tmp) => writeFileSync(tmp, 'x')).catch((e: unknown) => e);
    expect(one).toMatchObject({ path: folder, reason: '@reason.directory' });
    expect(readFileSync(join(folder, 'simpan.txt'), 'utf8')).toBe('milik pengguna');
  });

  it('replaces a folder only when it is empty or an earlier output the caller recognises; a user\'s folder or file there is refused, untouched', async () => {
    const dest = join(dir, 'paket');
    mkdirSync(dest);
    writeFileSync(join(dest, 'catatan.txt'), 'milik pengguna');
    let built = false;
    const err = await writeDirAtomic(dest, async () => {
      built = true;
    }, async (d) => existsSync(join(d, 'datapackage.json'))).catch((e: unknown) => e);
    expect(err).toMatchObject({ path: dest, reason: '@reason.not-replaced' });
    expect(built).toBe(false); // refused before anything was built
    expect(readdirSync(dest)).toEqual(['catatan.txt']);
    const file = join(dir, 'berkas');
    writeFileSync(file, 'isi');
    expect(await writeDirAtomic(file, async () => 1).catch((e: unknown) => e)).toMatchObject({ path: file, reason: '@reason.not-replaced' });
    expect(readFileSync(file, 'utf8')).toBe('isi');
    const empty = join(dir, 'kosong');
    mkdirSync(empty);
    await writeDirAtomic(empty, async (tmp) => writeFileSync(join(tmp, 'datapackage.json'), '{}'));
    expect(readdirSync(empty)).toEqual(['datapackage.json']);
    expect(readdirSync(dir).sort()).toEqual(['berkas', 'kosong', 'paket']);
  });
});
