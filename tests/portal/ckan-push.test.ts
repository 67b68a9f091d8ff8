/**
 * The CKAN adapter end to end against the local CKAN 2.10 mock (tests/support/ckan-mock.ts): idempotent
 * upsert, resume after a connection reset, 403/409 handling, the 10 MB limit, tokens never in output.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CkanMock } from '../support/ckan-mock.js';
import { pushPackages } from '../../src/portal/push.js';
import { digestBytes } from '../../src/package/hash.js';
import { buildPackage, ckan, ledger, tmp, TOKEN } from './helpers.js';

let mock: CkanMock;
let dir: string;
const users = {
  [TOKEN]: { name: 'opd-dukcapil', orgs: { diskominfotik: 'editor' as const } },
  'member-token-123': { name: 'tamu', orgs: { diskominfotik: 'member' as const } },
};

beforeEach(async () => {
  mock = await new CkanMock({ users, orgs: [{ name: 'diskominfotik' }, { name: 'bappeda' }] }).start();
  dir = tmp();
});
afterEach(() => mock.close());

async function push(pkgs: string[], portal = ckan(mock.url), opts: { dryRun?: boolean; force?: boolean } = {}) {
  await portal.identify();
  const l = await ledger(join(dir, 'ledger'));
  return { summary: await pushPackages(pkgs, { portal, ledger: l, ...opts }), ledger: l };
}

describe('CKAN push: idempotent upsert', () => {
  it('creates the dataset and uploads 5 resources, then re-push makes no write call', async () => {
    const p = await buildPackage(dir, 1);
    const first = await push([p]);
    // created private, 5 uploads, made public last
    expect(first.summary.results[0]).toMatchObject({ outcome: 'ok', writes: 7 });
    expect(mock.writes().map((c) => c.action)).toEqual(['package_create', ...Array(5).fill('resource_create'), 'package_patch']);
    expect(mock.packages.size).toBe(1);
    const pkg = mock.byName('dukcapil-lobar-uji-1')!;
    expect(pkg.private).toBe(false);
    expect(pkg.license_id).toBe('cc-by');
    expect(pkg.resources.map((r) => r.name).sort()).toEqual(['data', 'datapackage', 'laporan-validasi-html', 'laporan-validasi-json', 'original']);
    expect(pkg.extras).toContainEqual({ key: 'satuan', value: 'jiwa' });
    expect(pkg.title).toContain('Jumlah Penduduk');
    expect(mock.files.get(pkg.resources.find((r) => r.name === 'data')!.id)!.length).toBeGreaterThan(100);

    const before = mock.calls.length;
    const again = await push([p]);
    expect(again.summary.results[0]).toMatchObject({ outcome: 'unchanged', writes: 0 });
    const calls = mock.calls.slice(before);
    expect(calls.filter((c) => !['status_show', 'organization_list_for_user', 'license_list', 'scheming_dataset_schema_show', 'package_show'].includes(c.action))).toEqual([]);
    expect(mock.packages.size).toBe(1);
    expect(again.ledger.get('dukcapil-lobar-uji-1')).toMatchObject({ outcome: 'unchanged', package_id: pkg.id });
  });

  it('patches only the changed keys and re-uploads only the changed resources', async () => {
    const p = await buildPackage(dir, 2);
    await push([p]);
    const p2 = await buildPackage(dir, 2, { meta: { deskripsi: 'Deskripsi baru yang lebih jelas.' } });
    const before = mock.calls.length;
    const r = await push([p2]);
    const writes = mock.calls.slice(before).filter((c) => c.action.startsWith('package_p') || c.action.startsWith('resource_'));
    expect(writes.map((c) => c.action)).toEqual(['package_patch', 'resource_update']);
    expect(r.summary.plans[0]!.steps.filter((s) => s.action !== 'skip').map((s) => `${s.action}:${s.name}:${s.detail ?? ''}`)[0]).toBe('patch:dukcapil-lobar-uji-2:notes');
    expect(r.summary.plans[0]!.steps.find((s) => s.action === 'update')!.name).toBe('datapackage');
    expect(mock.byName('dukcapil-lobar-uji-2')!.notes).toBe('Deskripsi baru yang lebih jelas.');
    expect(mock.byName('dukcapil-lobar-uji-2')!.resources).toHaveLength(5);
  });

  it('keeps extras and tags the portal added by hand (patch replaces nested lists wholesale)', async () => {
    const p = await buildPackage(dir, 3);
    await push([p]);
    const remote = mock.byName('dukcapil-lobar-uji-3')!;
    (remote.extras as unknown[]).push({ key: 'catatan_walidata', value: 'diperiksa' });
    const p2 = await buildPackage(dir, 3, { meta: { satuan: 'orang' } });
    await push([p2]);
    const extras = mock.byName('dukcapil-lobar-uji-3')!.extras as { key: string; value: string }[];
    expect(extras).toContainEqual({ key: 'catatan_walidata', value: 'diperiksa' });
    expect(extras).toContainEqual({ key: 'satuan', value: 'orang' });
  });

  it('--dry-run prints the plan and writes nothing (not even the ledger)', async () => {
    const p = await buildPackage(dir, 4);
    const r = await push([p], ckan(mock.url), { dryRun: true });
    expect(r.summary.plans[0]!.steps.map((s) => s.action)).toEqual(['create', 'upload', 'upload', 'upload', 'upload', 'upload', 'publish']);
    expect(mock.writes()).toEqual([]);
    expect(r.ledger.get('dukcapil-lobar-uji-4')).toBeUndefined();
  });

  it('refuses a package of invalid data unless forced', async () => {
    const p = await buildPackage(dir, 5, { csv: (s) => s.replace('43351', 'empat') }, true);
    const r = await push([p]);
    expect(r.summary.plans[0]!.blocked?.code).toBe('push-invalid-data');
    expect(mock.writes()).toEqual([]);
    const forced = await push([p], ckan(mock.url), { force: true });
    expect(forced.summary.results[0]!.outcome).toBe('ok');
    expect((mock.byName('dukcapil-lobar-uji-5')!.extras as { key: string; value: string }[])).toContainEqual({ key: 'satudata_valid', value: 'false' });
  });
});

describe('CKAN push: failures and resume', () => {
  it('resumes after a connection reset mid-upload without duplicates', async () => {
    const p = await buildPackage(dir, 6);
    mock.fault('resource_create', { kind: 'reset' }); // the first upload's connection is reset mid-body
    const failing = ckan(mock.url, {}, TOKEN, { retries: 0, sleep: async () => undefined });
    const first = await push([p], failing);
    expect(first.summary.results[0]!.outcome).toBe('failed');
    expect(first.summary.results[0]!.error!.code).toBe('push-network');
    expect(mock.packages.size).toBe(1);
    const partial = first.ledger.get('dukcapil-lobar-uji-6');
    expect(partial?.outcome).toBe('partial');
    // second run: only the missing resources are uploaded, the dataset is not created again
    const before = mock.calls.length;
    const second = await push([p]);
    expect(second.summary.results[0]!.outcome).toBe('ok');
    expect(mock.calls.slice(before).filter((c) => c.action === 'package_create')).toEqual([]);
    expect(mock.packages.size).toBe(1);
    expect(mock.byName('dukcapil-lobar-uji-6')!.resources).toHaveLength(5);
    expect(second.ledger.get('dukcapil-lobar-uji-6')?.outcome).toBe('pushed');
  });

  it('retries a reset upload in the same run after checking it did not land', async () => {
    const p = await buildPackage(dir, 7);
    mock.fault('resource_create', { kind: 'reset' });
    const r = await push([p]);
    expect(r.summary.results[0]!.outcome).toBe('ok');
    expect(mock.byName('dukcapil-lobar-uji-7')!.resources).toHaveLength(5);
  });

  it('never duplicates when the answer of a create is lost (processed, then reset)', async () => {
    const p = await buildPackage(dir, 8);
    mock.fault('package_create', { kind: 'reset-after' });
    mock.fault('resource_create', { kind: 'reset-after' });
    const r = await push([p]);
    expect(r.summary.results[0]!.outcome).toBe('ok');
    expect(mock.packages.size).toBe(1);
    expect(mock.byName('dukcapil-lobar-uji-8')!.resources.map((x) => x.name).sort()).toEqual(['data', 'datapackage', 'laporan-validasi-html', 'laporan-validasi-json', 'original']);
  });

  it('retries 5xx and 429 reads, never a 403', async () => {
    const p = await buildPackage(dir, 9);
    mock.fault('package_show', { kind: 'status', status: 503 }, { kind: 'status', status: 429 });
    const r = await push([p]);
    expect(r.summary.results[0]!.outcome).toBe('ok');
    mock.fault('package_patch', { kind: 'status', status: 403 });
    const p2 = await buildPackage(dir, 9, { meta: { satuan: 'orang' } });
    const before = mock.calls.length;
    const r2 = await push([p2]);
    expect(r2.summary.results[0]!.error!.code).toBe('push-forbidden');
    expect(mock.calls.slice(before).filter((c) => c.action === 'package_patch')).toHaveLength(1);
  });

  it('reports a 409 validation error with its fields and does not retry it', async () => {
    await mock.close();
    mock = await new CkanMock({ users, schemingRequired: ['kode_opd_portal'] }).start();
    const p = await buildPackage(dir, 10);
    // scheming detected: the missing required field is caught before any write
    const r = await push([p]);
    expect(r.summary.plans[0]!.blocked).toMatchObject({ code: 'push-scheming-required', params: { fields: 'kode_opd_portal' } });
    expect(mock.writes()).toEqual([]);
    // told not to use scheming, the server's 409 comes back field-keyed
    const r2 = await push([p], ckan(mock.url, { scheming: false }));
    expect(r2.summary.results[0]!.error).toMatchObject({ code: 'push-conflict' });
    expect(String(r2.summary.results[0]!.error!.params.fields)).toContain('kode_opd_portal: Missing value');
    expect(mock.writes()).toHaveLength(1);
  });

  it('refuses a dataset name owned by another organisation (409 "URL already in use" case)', async () => {
    const p = await buildPackage(dir, 11);
    // create the name in another organisation first
    const orgs = mock as unknown as { orgs: { id: string; name: string }[] };
    mock.packages.set('x', { id: 'x', name: 'dukcapil-lobar-uji-11', owner_org: orgs.orgs[1]!.id, resources: [] });
    const r = await push([p]);
    expect(r.summary.plans[0]!.blocked?.code).toBe('push-name-taken');
    expect(mock.writes()).toEqual([]);
  });

  it('stops a file over the upload limit before uploading anything', async () => {
    const p = await buildPackage(dir, 12);
    const r = await push([p], ckan(mock.url, { maxUploadMb: 0.0005 }));
    expect(r.summary.plans[0]!.blocked?.code).toBe('push-too-large');
    expect(mock.writes()).toEqual([]);
  });

  it('maps the server 10 MB limit (409 upload too large) when the local limit is set higher', async () => {
    const p = await buildPackage(dir, 13);
    // grow the original file to 11 MB and keep the package consistent
    const descPath = join(p, 'datapackage.json');
    const desc = JSON.parse(readFileSync(descPath, 'utf8'));
    const orig = desc.resources.find((r: { name: string }) => r.name === 'original');
    const big = Buffer.alloc(11 * 1024 * 1024, 0x41);
    writeFileSync(join(p, orig.path), big);
    orig.bytes = big.length;
    orig.hash = `sha256:${digestBytes(big).sha256}`;
    writeFileSync(descPath, JSON.stringify(desc));
    const r = await push([p], ckan(mock.url, { maxUploadMb: 50 }));
    // both sizes shown; the dataset created for it stays private, never an empty public dataset
    expect(r.summary.results[0]!.error).toEqual({ code: 'push-server-too-large', params: { file: `dukcapil-lobar-uji-13/${orig.path}`, size: '11.0', limit: '50.0' } });
    expect(mock.byName('dukcapil-lobar-uji-13')!.private).toBe(true);
  });
});

describe('CKAN push: identity and tokens', () => {
  it('fails clearly on an invalid token (CKAN treats it as anonymous) and a member without rights', async () => {
    const bad = ckan(mock.url, {}, 'wrong-token-value');
    await expect(bad.identify()).rejects.toMatchObject({ code: 'push-auth' });
    await expect(ckan(mock.url, {}, 'member-token-123').identify()).rejects.toMatchObject({ code: 'push-org-denied' });
    await expect(ckan(mock.url, { organization: 'bappeda' }).identify()).rejects.toMatchObject({ code: 'push-org-denied' });
    await expect(ckan(mock.url, {}, null).identify()).rejects.toMatchObject({ code: 'push-no-token' });
  });

  it('says which organisation and portal it acts as', async () => {
    const who = await ckan(mock.url).identify();
    expect(who.portal).toBe('CKAN 2.10.4');
    expect(who.organization).toContain('diskominfotik');
    expect(who.organization).toContain('editor');
  });

  it('never writes the token to the ledger or into errors', async () => {
    const p = await buildPackage(dir, 14);
    mock.fault('package_show', ...Array.from({ length: 4 }, () => ({ kind: 'status' as const, status: 500 })));
    const r = await push([p]);
    const p2 = await buildPackage(dir, 15);
    const r2 = await push([p2]);
    expect(r2.summary.results[0]!.outcome).toBe('ok');
    const text = JSON.stringify(r.summary) + JSON.stringify(r2.summary) + readFileSync(r2.ledger.path, 'utf8');
    expect(r.summary.plans[0]!.blocked?.code).toBe('push-http');
    expect(text).not.toContain(TOKEN);
    expect([...mock.authHeaders].every((h) => h === TOKEN)).toBe(true);
  });
});

describe('CKAN push: ckanext-scheming', () => {
  it('sends custom metadata as top-level keys the live schema defines, and passes its required-field check', async () => {
    await mock.close();
    mock = await new CkanMock({ users, schemingRequired: ['satuan', 'frekuensi'] }).start();
    const p = await buildPackage(dir, 20);
    const r = await push([p]);
    expect(r.summary.results[0]!.outcome).toBe('ok');
    const pkg = mock.byName('dukcapil-lobar-uji-20')!;
    expect(pkg).toMatchObject({ satuan: 'jiwa', frekuensi: 'tahunan' });
    expect(pkg.extras).toEqual([]);
    expect(pkg.konsep).toBeUndefined(); // not a field of this portal's schema
  });
});

describe('CKAN push: ZIP packages', () => {
  it('pushes a package written as .zip, with its hashes checked', async () => {
    const { packageFile } = await import('../../src/package/build.js');
    const { loadSchemaFile } = await import('../../src/standards/schema.js');
    const { copyFixture, SCHEMA, FIXED } = await import('./helpers.js');
    const file = copyFixture(join(dir, 'zin'));
    const z = await packageFile(file, join(dir, 'p.zip'), { standard: { schema: await loadSchemaFile(SCHEMA) }, lang: 'id', version: '0.1.0', now: FIXED });
    const r = await push([z.path]);
    expect(r.summary.results[0]).toMatchObject({ name: 'dukcapil-lobar-penduduk-kecamatan', outcome: 'ok' });
    // a tampered package is refused before anything is sent
    const bad = join(dir, 'bad');
    const { cpSync } = await import('node:fs');
    cpSync(await buildPackage(dir, 21), bad, { recursive: true });
    writeFileSync(join(bad, 'data', 'dukcapil-lobar-uji-21.csv'), 'kode_wilayah\n99\n');
    const before = mock.writes().length;
    const r2 = await push([bad]);
    expect(r2.summary.plans[0]!.blocked?.code).toBe('package-corrupt');
    expect(mock.writes().length).toBe(before);
  });
});
