/**
 * The worker pool of repository mode (src/check/file-pool.ts) with a stand-in worker script, so that each way a
 * worker can behave is tested directly: answers out of order, progress, an exception, a worker that dies, one
 * that stops answering (terminated at the time limit), one that cannot start (this thread does the work).
 * The real worker (file-worker.ts) is tested through the CLI in tests/cli/validate-workers.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { validateInWorkers, type FileTaskOptions } from '../../src/check/file-pool.js';
import { validateFile } from '../../src/check/validate-file.js';
import type { TableReport } from '../../src/report/issue.js';

const dir = mkdtempSync(join(tmpdir(), 'satudata-file-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A worker that behaves as the file's name says: ok-<ms>, progress, throw, crash, hang. */
const fake = join(dir, 'fake-worker.mjs');
writeFileSync(fake, `
import { parentPort, threadId } from 'node:worker_threads';
const report = (path) => ({ path, valid: true, labels: [], stats: { rows: 1, dataRows: 1, errors: 0, warnings: 0, infos: 0, seconds: 0, bytes: 1, fields: 1 }, issues: [], thread: threadId, regions: seen, shard: process.env.SATUDATA_SHARD });
let seen = false;
parentPort.on('message', ({ id, path, regions }) => {
  if (regions) seen = regions.bytes instanceof SharedArrayBuffer;
  if (path.startsWith('ok-')) setTimeout(() => parentPort.postMessage({ id, tables: [report(path)] }), Number(path.slice(3)));
  else if (path === 'progress') { parentPort.postMessage({ id, rows: 500 }); parentPort.postMessage({ id, tables: [report(path)] }); }
  else if (path === 'throw') parentPort.postMessage({ id, error: 'TypeError: boom' });
  else if (path === 'crash') process.exit(7);
  else if (path === 'hang') for (;;);
});
parentPort.postMessage({ ready: true });
`);
const broken = join(dir, 'broken-worker.mjs');
writeFileSync(broken, `throw new Error('cannot load');\n`);

const opts: FileTaskOptions = { maxErrors: 10 };
const items = (paths: string[], o: FileTaskOptions = opts) => paths.map((path) => ({ path, opts: o }));
const here = async (path: string): Promise<TableReport[]> => [{ path, valid: true, labels: [], stats: { rows: 0, dataRows: 0, errors: 0, warnings: 0, infos: 0, seconds: 0, bytes: 0, fields: 0 }, issues: [], here: true } as TableReport];
const codes = (r: TableReport[][]) => r.map((t) => t.flatMap((x) => x.issues.map((i) => i.code)));

/** CPU time (ms, all threads of this process) spent during `ms` of wall time from now. */
async function cpuDuring(ms: number): Promise<number> {
  await new Promise((r) => setTimeout(r, 100));
  const before = process.cpuUsage();
  await new Promise((r) => setTimeout(r, ms));
  const d = process.cpuUsage(before);
  return (d.user + d.system) / 1000;
}

describe('validateInWorkers', () => {
  it('keeps the input order when files finish out of order, on several threads, with the region index shared and no shards', async () => {
    const paths = ['ok-120', 'ok-10', 'ok-60', 'ok-0', 'ok-30'];
    const out = await validateInWorkers(items(paths), { workers: 2, runHere: here, script: pathToFileURL(fake) });
    expect(out.map((t) => t[0]!.path)).toEqual(paths);
    const extra = out.map((t) => t[0] as TableReport & { thread: number; regions: boolean; shard: string });
    expect(new Set(extra.map((x) => x.thread)).size).toBe(2);
    expect(extra.every((x) => x.regions && x.shard === 'never')).toBe(true);
  });

  it('sends no region index when no file can check region codes', async () => {
    const schema = { fields: [{ name: 'kode', type: 'string' }] };
    const out = await validateInWorkers(items(['ok-0', 'ok-1'], { maxErrors: 10, schema, autoStandard: false }), { workers: 2, runHere: here, script: pathToFileURL(fake) });
    expect(out.map((t) => (t[0] as TableReport & { regions: boolean }).regions)).toEqual([false, false]);
    const bound = { fields: [{ name: 'kode', type: 'string', 'satudata:kode': { daftar: 'wilayah', tingkat: 'kecamatan' } }] };
    const out2 = await validateInWorkers(items(['ok-0', 'ok-1'], { maxErrors: 10, schema: bound, autoStandard: false }), { workers: 2, runHere: here, script: pathToFileURL(fake) });
    expect(out2.map((t) => (t[0] as TableReport & { regions: boolean }).regions)).toEqual([true, true]);
  });

  it('passes progress on to the caller', async () => {
    const seen: [string, number][] = [];
    await validateInWorkers(items(['progress', 'ok-0']), { workers: 2, runHere: here, script: pathToFileURL(fake), onProgress: (p, rows) => seen.push([p, rows]) });
    expect(seen).toEqual([['progress', 500]]);
  });

  it('an exception in a worker is a coded check-failed issue; the other files are still validated', async () => {
    const out = await validateInWorkers(items(['ok-0', 'throw', 'ok-5']), { workers: 2, runHere: here, script: pathToFileURL(fake) });
    expect(codes(out)).toEqual([[], ['check-failed'], []]);
    expect(out[1]![0]!.issues[0]!.params).toEqual({ detail: 'TypeError: boom' });
    expect(out[1]![0]!.unreadable).toBe(true);
  });

  it('a worker that dies: its file is reported, a new worker takes the rest, nothing hangs', async () => {
    const out = await validateInWorkers(items(['crash', 'ok-0', 'crash', 'ok-1', 'ok-2']), { workers: 2, runHere: here, script: pathToFileURL(fake) });
    expect(codes(out)).toEqual([['check-failed'], [], ['check-failed'], [], []]);
    expect(String(out[0]![0]!.issues[0]!.params!.detail)).toContain('7');
  });

  it('a worker that stops answering is terminated at the time limit (+ grace): time-limit, and nothing keeps running', async () => {
    const t0 = performance.now();
    const out = await validateInWorkers(items(['hang', 'ok-0'], { maxErrors: 10, timeLimitSeconds: 0.3 }), { workers: 2, runHere: here, script: pathToFileURL(fake), graceSeconds: 0.2 });
    expect((performance.now() - t0) / 1000).toBeLessThan(3);
    expect(codes(out)).toEqual([['time-limit'], []]);
    expect(out[0]![0]!.issues[0]!.params).toEqual({ seconds: 0.3 });
    expect(await cpuDuring(400)).toBeLessThan(200); // a spinning worker would burn ~400 ms
  });

  it('alsoHere: this thread is one of the threads (one worker fewer), its files never split and hashed as read; order kept', async () => {
    const asked: { path: string; split?: boolean; hash?: boolean }[] = [];
    const mine = async (path: string, o: FileTaskOptions): Promise<TableReport[]> => {
      asked.push({ path, split: o.split, hash: o.hashWhileReading });
      await new Promise((r) => setTimeout(r, 40));
      return here(path);
    };
    const paths = ['ok-30', 'ok-30', 'ok-30', 'ok-30', 'ok-30', 'ok-30'];
    const out = await validateInWorkers(items(paths), { workers: 2, alsoHere: true, runHere: mine, script: pathToFileURL(fake) });
    expect(out.map((t) => t[0]!.path)).toEqual(paths);
    const byWorker = out.map((t) => t[0] as TableReport & { thread?: number; here?: boolean });
    // one worker (one thread id) and this thread share the files; this thread starts at once with the first
    expect(new Set(byWorker.filter((x) => !x.here).map((x) => x.thread)).size).toBe(1);
    expect(byWorker[0]!.here).toBe(true);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.length).toBeLessThan(paths.length);
    expect(asked.every((a) => a.split === false && a.hash === true)).toBe(true);
  });

  it('when no worker can start, this thread validates every file (time, not correctness)', async () => {
    const out = await validateInWorkers(items(['a', 'b', 'c']), { workers: 2, runHere: here, script: pathToFileURL(broken) });
    expect(out.map((t) => [t[0]!.path, (t[0] as TableReport & { here?: boolean }).here])).toEqual([['a', true], ['b', true], ['c', true]]);
  });

  it('the real worker (dist/check/file-worker.js): the report of this thread, progress, region codes checked with the shared index', async () => {
    const rows = ['kode_wilayah,nama_kecamatan,tahun,jumlah'];
    for (let i = 0; i < 120_000; i++) rows.push(i === 70_000 ? '52.01.99,Entah,2023,5' : `52.01.0${1 + (i % 3)},X,${2000 + (i % 20)},${i}`);
    const file = join(dir, 'kecamatan.csv');
    writeFileSync(file, rows.join('\n') + '\n');
    const schema = { fields: [
      { name: 'kode_wilayah', type: 'string', 'satudata:kode': { daftar: 'wilayah', tingkat: 'kecamatan' } },
      { name: 'nama_kecamatan', type: 'string' }, { name: 'tahun', type: 'integer' }, { name: 'jumlah', type: 'integer' },
    ] };
    const o: FileTaskOptions = { maxErrors: 100, schema: schema as never, autoStandard: false };
    const seen: number[] = [];
    const script = new URL('../../dist/check/file-worker.js', import.meta.url);
    const [inWorker, other] = await validateInWorkers([{ path: file, opts: o }, { path: file, opts: o }], { workers: 2, runHere: here, script, onProgress: (_p, n) => seen.push(n) });
    const local = await validateFile(file, o);
    const plain = (r: TableReport[]) => JSON.parse(JSON.stringify(r, (k, v) => (k === 'seconds' ? 0 : v)));
    expect(plain(inWorker!)).toEqual(plain(local));
    expect(plain(other!)).toEqual(plain(local));
    // the index is there: real codes pass, the unknown one is found
    expect(local[0]!.issues.map((i) => [i.code, i.value])).toEqual([['unknown-code', '52.01.99']]);
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(50_000);
    expect(fileURLToPath(script)).toMatch(/dist/);
  });
});
