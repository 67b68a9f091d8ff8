/**
 * Bounded HTTP (issue 13 item 3): every portal answer is read through a byte limit and a time limit and its
 * shape is checked before use. A hostile loopback server sends a huge body, drips one slowly, or answers the
 * wrong shape: push and report end with one coded line and exit 2, never exit 3 or a V8 crash. Limits are made
 * small through options and the environment so the tests stay fast.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CkanPortal } from '../../src/portal/ckan/adapter.js';
import { SipdPortal } from '../../src/portal/sipd/adapter.js';
import { PortalError } from '../../src/portal/types.js';
import { readCkan } from '../../src/audit/sources/ckan.js';
import { runCliAsync } from '../support/cli.js';
import { fastRetry, tmp, TOKEN } from './helpers.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let server: Server;
let base = '';
let handler: Handler = (_q, r) => r.end();

const ok = (result: unknown): Handler => (_q, r) => { r.writeHead(200, { 'content-type': 'application/json' }); r.end(JSON.stringify({ success: true, result })); };
const byAction = (m: Record<string, Handler>): Handler => (q, r) => {
  const action = new URL(q.url ?? '/', 'http://x').pathname.split('/').pop()!;
  (m[action] ?? ((_q2, r2) => { r2.writeHead(400); r2.end(JSON.stringify(`Bad request - Action name not known: ${action}`)); }))(q, r);
};
const status = ok({ ckan_version: '2.10.9' });
/** A body of `mb` megabytes streamed in 64 KB chunks, without Content-Length. */
const huge = (mb: number): Handler => (_q, r) => {
  r.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  const pump = () => {
    while (sent < mb * 1024 * 1024) {
      sent += chunk.length;
      if (!r.write(chunk)) return void r.once('drain', pump);
    }
    r.end();
  };
  r.on('error', () => undefined);
  r.write('{"success": true, "result": "');
  pump();
};
/** One byte every 100 ms, for ever (until the client gives up). */
const drip: Handler = (q, r) => {
  r.writeHead(200, { 'content-type': 'application/json' });
  r.write('{"success": true, "result": ');
  const t = setInterval(() => r.write(' '), 100);
  q.socket.on('close', () => clearInterval(t));
};

beforeAll(async () => {
  server = createServer((q, r) => handler(q, r));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));

function portal(limits = { maxBytes: 256 * 1024, timeoutMs: 400 }) {
  return new CkanPortal({ name: 'uji', config: { kind: 'ckan', url: base, organization: 'diskominfotik' }, token: TOKEN, retry: { ...fastRetry, retries: 0, timeoutMs: 2000 }, limits });
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    expect(err).toBeInstanceOf(PortalError);
    return (err as PortalError).code;
  }
}

describe('CKAN answers are bounded and checked', () => {
  it('a status_show body over the byte limit stops at the limit (push-answer-too-large)', async () => {
    handler = byAction({ status_show: huge(4) });
    const started = performance.now();
    expect(await code(portal().identify())).toBe('push-answer-too-large');
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('a Content-Length over the limit is refused before reading', async () => {
    handler = (_q, r) => { r.writeHead(200, { 'content-length': String(3 * 1024 ** 3), 'content-type': 'application/json' }); r.write('{'); };
    expect(await code(portal().identify())).toBe('push-answer-too-large');
  });

  it('a slowly dripped body ends at the time limit (push-network: timeout)', async () => {
    handler = byAction({ status_show: status, organization_list_for_user: drip });
    const started = performance.now();
    const p = portal().identify();
    await expect(p).rejects.toMatchObject({ code: 'push-network', params: { reason: 'timeout' } });
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it.each([
    ['organization list not a list', 'push-bad-answer', { organization_list_for_user: ok({ name: 'x' }) }],
    ['organization without a name', 'push-bad-answer', { organization_list_for_user: ok([{ id: 1 }]) }],
    ['licence list of numbers', 'push-bad-answer', { organization_list_for_user: ok([{ name: 'diskominfotik', id: 'o1' }]), license_list: ok([1, 2]) }],
    ['an envelope that is a list', 'push-not-ckan', { organization_list_for_user: (_q: IncomingMessage, r: ServerResponse) => r.end('[1, 2]') }],
  ] as [string, string, Record<string, Handler>][])('a result of the wrong shape: %s → %s', async (_name, expected, actions) => {
    handler = byAction({ status_show: status, ...actions });
    expect(await code(portal().identify())).toBe(expected);
  });

  it('status_show with a result that is not an object is push-not-ckan', async () => {
    handler = byAction({ status_show: ok('CKAN') });
    expect(await code(portal().identify())).toBe('push-not-ckan');
  });

  it('package_show answering a package without a name blocks that dataset with a coded error', async () => {
    handler = byAction({ status_show: status, organization_list_for_user: ok([{ name: 'diskominfotik', id: 'o1' }]), license_list: ok([{ id: 'cc-by' }]), package_show: ok({ id: 'p1', resources: 'none' }) });
    const p = portal();
    await p.identify();
    const { buildPackage } = await import('./helpers.js');
    const pkg = await (await import('../../src/package/load.js')).loadPackage(await buildPackage(tmp(), 1));
    const plan = await p.plan(pkg, undefined);
    expect(plan.blocked?.code).toBe('push-bad-answer');
  });

  it('report --ckan: a search result of the wrong shape is a coded source error', async () => {
    handler = byAction({ package_search: ok({ count: 3, results: { a: 1 } }) });
    await expect(readCkan(base)).rejects.toMatchObject({ code: 'audit-source-error' });
  });
});

describe('SIPD answers are bounded and checked', () => {
  it('get_ref_dssd that is not a list of rows is push-bad-answer; a huge one stops at the limit', async () => {
    const sipd = (limits = { maxBytes: 128 * 1024, timeoutMs: 400 }) => new SipdPortal({ name: 's', config: { kind: 'sipd', url: base, kodepemda: '52' }, token: TOKEN, retry: { ...fastRetry, retries: 0 }, limits });
    handler = (_q, r) => r.end(JSON.stringify({ status: 'ok' }));
    expect(await code(sipd().identify())).toBe('push-bad-answer');
    handler = huge(2);
    expect(await code(sipd().identify())).toBe('push-answer-too-large');
    handler = drip;
    expect(await code(sipd().identify())).toBe('push-network');
  });
});

describe('the CLI ends every hostile answer with one coded line and exit 2', () => {
  const env = () => ({
    SATUDATA_CONFIG: join(tmp(), 'none.json'), SATUDATA_LEDGER_DIR: tmp(),
    SATUDATA_PORTAL_UJI_KIND: 'ckan', SATUDATA_PORTAL_UJI_URL: base, SATUDATA_PORTAL_UJI_ORG: 'diskominfotik', SATUDATA_PORTAL_UJI_TOKEN: TOKEN,
    SATUDATA_HTTP_MAX_MB: '0.25', SATUDATA_HTTP_BODY_TIMEOUT_MS: '400',
  });
  it.each([
    ['a 64 MB status_show', 'push-answer-too-large', byAction({ status_show: huge(64) })],
    ['a dripped organisation list', 'push-network', byAction({ status_show: status, organization_list_for_user: drip })],
    ['an organisation list that is not a list', 'push-bad-answer', byAction({ status_show: status, organization_list_for_user: ok({}) })],
  ] as [string, string, Handler][])('push: %s → %s', async (_name, expected, h) => {
    handler = h;
    const r = await runCliAsync(['push', '--portal', 'uji', 'paket/tidak-ada'], env());
    expect(r.code).toBe(2);
    // one coded message (its hint on the next line), nothing else
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(r.stderr.split('\n')[0]).toContain(`[${expected}]`);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+|TypeError|FATAL/);
    expect(r.stderr + r.stdout).not.toContain(TOKEN);
  });

  it('report --ckan with a search result of the wrong shape exits 2 with a coded line', async () => {
    handler = byAction({ package_search: ok({ count: 'many', results: [] }) });
    const dir = tmp();
    writeFileSync(join(dir, 'daftar.csv'), 'id,judul,kode_opd,frekuensi,data_prioritas,kode_urusan,standar,periode_awal,lag_hari,nama_dataset\nDD-0001,Jumlah Penduduk,1.01.0.00.0.00.01.0000,tahunan,tidak,2.12,,2024,,x\n');
    const r = await runCliAsync(['report', join(dir, 'daftar.csv'), '--ckan', base, '--format', 'json', '--no-history'], { SATUDATA_HTTP_MAX_MB: '0.25' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[audit-source-error]');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+|TypeError/);
  });
});
