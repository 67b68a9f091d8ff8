import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { isStream, spool } from '../../src/read/spool.js';

afterEach(() => {
  delete process.env.SATUDATA_MAX_UNZIPPED_MB;
});

/** A stream that never ends (like /dev/zero or `yes`), made of copies of one chunk. */
function endless(chunk: Buffer): Readable {
  return Readable.from((function* () {
    for (;;) yield chunk;
  })());
}

describe('spool: standard input and pipes copied to a file the readers can read', () => {
  it('copies the stream byte for byte to a private file, removed on request', async () => {
    const parts = [Buffer.from('\ufeffkode;nama\r\n'), Buffer.from([0x35, 0x32, 0x3b, 0x4e, 0xe9, 0x0d, 0x0a]), Buffer.alloc(100_000, 0x61)];
    const copy = await spool('-', Readable.from(parts));
    expect(readFileSync(copy.path)).toEqual(Buffer.concat(parts));
    expect([copy.bytes, copy.cut, copy.over]).toEqual([Buffer.concat(parts).length, false, false]);
    expect(statSync(copy.path).mode & 0o777).toBe(0o600);
    await copy.remove();
    expect(existsSync(copy.path)).toBe(false);
  });

  it('stops early on a head that is no table, and at the size limit on an endless text stream', async () => {
    const zeros = await spool('-', endless(Buffer.alloc(16 * 1024)));
    expect(zeros.cut).toBe(true);
    expect(zeros.bytes).toBe(64 * 1024);
    await zeros.remove();
    process.env.SATUDATA_MAX_UNZIPPED_MB = '1';
    const yes = await spool('-', endless(Buffer.from('a,b\n'.repeat(1000))));
    expect([yes.over, yes.cut, yes.bytes, yes.limit]).toEqual([true, false, 1 << 20, 1 << 20]);
    await yes.remove();
  });

  it('tells a stream argument from a file', () => {
    expect(isStream('-')).toBe(true);
    expect(isStream('/dev/null', statSync('/dev/null'))).toBe(true);
    expect(isStream('package.json', statSync('package.json'))).toBe(false);
  });

  it('a named pipe: nobody writing is empty after a bounded wait (never a hang); a writer, early or late, is read to its end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-fifo-'));
    try {
      const pipe = join(dir, 'data.csv');
      try {
        execFileSync('mkfifo', [pipe]);
      } catch {
        return; // no mkfifo here
      }
      const t0 = Date.now();
      const none = await spool(pipe);
      expect([none.bytes, Date.now() - t0 < 10_000]).toEqual([0, true]);
      await none.remove();
      // a writer that opens the pipe half a second after the reader (`producer > pipe` started later)
      const late = spawn('sh', ['-c', `sleep 0.5; printf 'kode,nama\\n52.01,Lombok Barat\\n' > '${pipe}'`]);
      const exited = new Promise((r) => late.once('exit', r));
      const copy = await spool(pipe);
      expect(readFileSync(copy.path, 'utf8')).toBe('kode,nama\n52.01,Lombok Barat\n');
      await copy.remove();
      await exited;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
