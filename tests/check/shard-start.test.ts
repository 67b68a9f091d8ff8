import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dropPrestarted, prestartShardWorker, takeStartedWorker } from '../../src/check/shard-start.js';

const dir = mkdtempSync(join(tmpdir(), 'satudata-prestart-'));
const rows = Array.from({ length: 4000 }, (_, i) => `${i},52.01,${i * 3}`).join('\n');
const csv = join(dir, 'data.csv');
writeFileSync(csv, `no,kode,nilai\n${rows}\n`);
const bytes = Buffer.byteLength(`no,kode,nilai\n${rows}\n`);
writeFileSync(join(dir, 'data.txt'), 'a,b\n1,2\n');
mkdirSync(join(dir, 'folder.csv'));

afterEach(() => {
  delete process.env.SATUDATA_SHARD_MIN_BYTES;
  delete process.env.SATUDATA_SHARD;
  takeStartedWorker('', 0); // a worker left over is stopped
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('prestartShardWorker', () => {
  it('starts the worker of a large .csv file named on the command line; the validator takes it (same file and size) with its split plan', async () => {
    process.env.SATUDATA_SHARD_MIN_BYTES = '1000';
    // named relative to the working directory, taken by its absolute path
    prestartShardWorker(relative(process.cwd(), csv));
    const started = takeStartedWorker(csv, bytes);
    expect(started?.worker).toBeTruthy();
    const split = await started!.split();
    expect(split!.startByte).toBeGreaterThan(0);
    expect(split!.startByte).toBeLessThan(bytes);
    expect(split!.records).toBeGreaterThan(1000);
    await started!.worker!.terminate();
    // handed over once
    expect(takeStartedWorker(csv, bytes)).toBeNull();
  });

  it('gives no worker for another file or a changed size (the one started is stopped)', async () => {
    process.env.SATUDATA_SHARD_MIN_BYTES = '1000';
    prestartShardWorker(csv);
    expect(takeStartedWorker(csv, bytes + 1)).toBeNull();
    prestartShardWorker(csv);
    expect(takeStartedWorker(join(dir, 'lain.csv'), bytes)).toBeNull();
  });

  it('keeps the worker already started for the same file (bin/satudata.js, then the command), stops it when dropped', async () => {
    process.env.SATUDATA_SHARD_MIN_BYTES = '1000';
    expect(prestartShardWorker(csv)).toBe(true);
    expect(prestartShardWorker(relative(process.cwd(), csv))).toBe(true);
    const started = takeStartedWorker(csv, bytes);
    expect(started?.worker).toBeTruthy();
    const exited = new Promise((r) => started!.worker!.once('exit', r));
    // one start, not two: the first worker is the one handed over and still running
    expect(started!.gone).toBeUndefined();
    await started!.worker!.terminate();
    await exited;
    prestartShardWorker(csv);
    dropPrestarted();
    expect(takeStartedWorker(csv, bytes)).toBeNull();
  });

  it('starts none for a small file, a name not .csv, a folder, a missing file or SATUDATA_SHARD=never', () => {
    prestartShardWorker(csv); // below the 32 MB default
    expect(takeStartedWorker(csv, bytes)).toBeNull();
    process.env.SATUDATA_SHARD_MIN_BYTES = '1';
    for (const path of [join(dir, 'data.txt'), join(dir, 'folder.csv'), join(dir, 'tidak-ada.csv')]) {
      prestartShardWorker(path);
      expect(takeStartedWorker(path, 8)).toBeNull();
    }
    process.env.SATUDATA_SHARD = 'never';
    prestartShardWorker(csv);
    expect(takeStartedWorker(csv, bytes)).toBeNull();
  });
});
