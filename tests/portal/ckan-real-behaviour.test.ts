/**
 * The loopback CKAN stand-in follows CKAN 2.10 as observed (/work/shared/docs/ckan-observed.md, docs/portal.md
 * "What was tested against which behaviour"), and push handles each of those behaviours: deleted datasets,
 * another organisation's private dataset, licence ids, upload size errors, patch semantics.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CkanMock, CKAN_LICENSES } from '../support/ckan-mock.js';
import { pushPackages } from '../../src/portal/push.js';
import { buildPackage, ckan, ledger, tmp, TOKEN } from './helpers.js';

let mock: CkanMock;
let dir: string;
const ADMIN = 'sysadmin-token-0123456789';
const OTHER = 'bappeda-editor-token-0123';
const users = {
  [TOKEN]: { name: 'opd-dukcapil', orgs: { diskominfotik: 'editor' as const } },
  [OTHER]: { name: 'opd-bappeda', orgs: { bappeda: 'editor' as const } },
  [ADMIN]: { name: 'admin', orgs: {}, sysadmin: true },
};

beforeEach(async () => {
  mock = await new CkanMock({ users, orgs: [{ name: 'diskominfotik' }, { name: 'bappeda' }] }).start();
  dir = tmp();
});
afterEach(() => mock.close());

async function call(action: string, params: Record<string, string> = {}, token?: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const url = `${mock.url}/api/3/action/${action}${body === undefined && Object.keys(params).length ? `?${new URLSearchParams(params)}` : ''}`;
  const res = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...(token ? { authorization: token } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await res.json() };
}

async function push(pkgs: string[], portal = ckan(mock.url), opts: { dryRun?: boolean } = {}) {
  await portal.identify();
  const l = await ledger(join(dir, 'ledger'));
  return { summary: await pushPackages(pkgs, { portal, ledger: l, ...opts }), ledger: l };
}

describe('the CKAN stand-in behaves like CKAN 2.10', () => {
  it('a deleted dataset: 200 with state deleted to an editor of its organisation and a sysadmin, 403 to others; never in search', async () => {
    mock.seed({ name: 'lama', org: 'diskominfotik', state: 'deleted' });
    expect((await call('package_show', { id: 'lama' }, TOKEN)).json).toMatchObject({ success: true, result: { state: 'deleted' } });
    expect((await call('package_show', { id: 'lama' }, ADMIN)).status).toBe(200);
    const anon = await call('package_show', { id: 'lama' });
    expect(anon.status).toBe(403);
    expect(anon.json).toMatchObject({ success: false, error: { __type: 'Authorization Error' } });
    expect((await call('package_show', { id: 'lama' }, OTHER)).status).toBe(403);
    expect((await call('package_search', { q: '*:*', include_private: 'true' }, TOKEN)).json).toMatchObject({ result: { count: 0 } });
  });

  it("another organisation's private dataset answers 403, not 404", async () => {
    mock.seed({ name: 'rahasia', org: 'bappeda', private: true });
    expect((await call('package_show', { id: 'rahasia' }, TOKEN)).status).toBe(403);
    expect((await call('package_show', { id: 'tidak-ada' }, TOKEN)).status).toBe(404);
  });

  it('timestamps are UTC without a zone, with microseconds', async () => {
    const at = new Date('2026-12-02T16:39:09.875Z');
    const m = await new CkanMock({ users, now: () => at }).start();
    try {
      m.seed({ name: 'waktu', org: 'diskominfotik' });
      const r = (await fetch(`${m.url}/api/3/action/package_show?id=waktu`).then((x) => x.json())) as { result: Record<string, string> };
      expect(r.result.metadata_modified).toMatch(/^2026-12-02T16:39:09\.875\d{3}$/);
      expect(r.result.metadata_created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
    } finally {
      await m.close();
    }
  });

  it("license_list answers CKAN's default ids; an unknown license_id is stored as given and not open", async () => {
    const r = (await call('license_list')).json as { result: { id: string }[] };
    expect(r.result.map((l) => l.id)).toEqual(['notspecified', 'odc-pddl', 'odc-odbl', 'odc-by', 'cc-zero', 'cc-by', 'cc-by-sa', 'gfdl', 'other-open', 'other-pd', 'other-at', 'uk-ogl', 'cc-nc', 'other-nc', 'other-closed']);
    mock.seed({ name: 'lisensi-aneh', org: 'diskominfotik', license_id: 'CC-BY-4.0' });
    expect((await call('package_show', { id: 'lisensi-aneh' })).json).toMatchObject({ result: { license_title: 'CC-BY-4.0', isopen: false } });
    expect(CKAN_LICENSES).toHaveLength(15);
  });

  it('package_patch replaces extras and tags wholesale and leaves state alone unless state is sent', async () => {
    mock.seed({ name: 'tambal', org: 'diskominfotik', state: 'deleted', extras: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }], tags: [{ name: 'x' }, { name: 'y' }] });
    const r = await call('package_patch', {}, TOKEN, { id: 'tambal', extras: [{ key: 'c', value: '3' }], tags: [{ name: 'z' }] });
    expect(r.json).toMatchObject({ result: { state: 'deleted', extras: [{ key: 'c', value: '3' }], tags: [{ name: 'z' }] } });
    const restored = await call('package_patch', {}, TOKEN, { id: 'tambal', state: 'active' });
    expect(restored.json).toMatchObject({ result: { state: 'active' } });
  });

  it('an invalid token is anonymous (organization_list_for_user → 200 []); an unknown action is 400 with a bare string', async () => {
    expect((await call('organization_list_for_user', { permission: 'create_dataset' }, 'not-a-token')).json).toMatchObject({ success: true, result: [] });
    const u = await call('tidak_ada_action');
    expect(u.status).toBe(400);
    expect(u.json).toBe('Bad request - Action name not known: tidak_ada_action');
  });

  it('an upload over the limit is 409 upload: File upload too large, rolled back', async () => {
    const small = await new CkanMock({ users, maxResourceBytes: 10 }).start();
    try {
      small.seed({ name: 'kecil', org: 'diskominfotik' });
      const form = new FormData();
      form.append('package_id', 'kecil');
      form.append('name', 'data');
      form.append('upload', new Blob(['x'.repeat(11)]), 'data.csv');
      const res = await fetch(`${small.url}/api/3/action/resource_create`, { method: 'POST', headers: { authorization: TOKEN }, body: form });
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ error: { __type: 'Validation Error', upload: ['File upload too large'] } });
      expect(small.byName('kecil')!.resources).toEqual([]);
    } finally {
      await small.close();
    }
  });
});

describe('push against those behaviours', () => {
  it('restores a deleted dataset of its own organisation (plan: restore), refilled while private, public last', async () => {
    const p = await buildPackage(dir, 1);
    await push([p]);
    mock.deleteDataset('dukcapil-lobar-uji-1');
    const dry = await push([p], ckan(mock.url), { dryRun: true });
    expect(dry.summary.plans[0]!.steps.map((s) => s.action)).toEqual(['restore', 'skip', 'skip', 'skip', 'skip', 'skip', 'publish']);
    const before = mock.calls.length;
    const r = await push([p]);
    expect(r.summary.results[0]!.outcome).toBe('ok');
    expect(mock.calls.slice(before).filter((c) => c.action === 'package_patch')).toHaveLength(2);
    expect(mock.byName('dukcapil-lobar-uji-1')).toMatchObject({ state: 'active', private: false });
    expect(mock.packages.size).toBe(1);
  });

  it("refuses another organisation's deleted dataset with the command to restore it (a sysadmin token sees it)", async () => {
    mock.seed({ name: 'dukcapil-lobar-uji-2', org: 'bappeda', state: 'deleted' });
    const p = await buildPackage(dir, 2);
    const r = await push([p], ckan(mock.url, {}, ADMIN));
    expect(r.summary.plans[0]!.blocked).toMatchObject({ code: 'push-dataset-deleted', params: { dataset: 'dukcapil-lobar-uji-2', organization: 'bappeda' } });
    expect(String(r.summary.plans[0]!.blocked!.params.command)).toContain('"state": "active"');
    expect(mock.writes()).toEqual([]);
    // an editor without rights there gets 403 from CKAN: the name is taken
    const e = await push([p]);
    expect(e.summary.plans[0]!.blocked?.code).toBe('push-name-taken');
  });

  it("a name held by another organisation's private dataset (403) is push-name-taken, not push-forbidden", async () => {
    mock.seed({ name: 'dukcapil-lobar-uji-3', org: 'bappeda', private: true });
    const p = await buildPackage(dir, 3);
    const r = await push([p]);
    expect(r.summary.plans[0]!.blocked).toEqual({ code: 'push-name-taken', params: { dataset: 'dukcapil-lobar-uji-3' } });
    expect(mock.writes()).toEqual([]);
  });

  it('maps licences to the portal ids (CC0 → cc-zero, ODbL → odc-odbl) and refuses an unknown one before writing', async () => {
    const a = await buildPackage(dir, 4, { meta: { lisensi: 'CC0-1.0' } });
    const b = await buildPackage(dir, 5, { meta: { lisensi: 'ODbL-1.0' } });
    const c = await buildPackage(dir, 6, { meta: { lisensi: 'Lisensi Daerah NTB' } });
    const r = await push([a, b, c]);
    expect(mock.byName('dukcapil-lobar-uji-4')!.license_id).toBe('cc-zero');
    expect(mock.byName('dukcapil-lobar-uji-5')!.license_id).toBe('odc-odbl');
    const blocked = r.summary.plans.find((x) => x.name === 'dukcapil-lobar-uji-6')!.blocked!;
    expect(blocked.code).toBe('push-license-unknown');
    expect(String(blocked.params.known)).toContain('cc-by, cc-by-sa');
    expect(mock.byName('dukcapil-lobar-uji-6')).toBeUndefined();
    expect(mock.calls.filter((x) => x.action === 'license_list')).toHaveLength(1); // once per run
  });

  it('a first push that fails mid-way leaves no empty public dataset; the next run completes and publishes', async () => {
    const p = await buildPackage(dir, 7);
    mock.fault('resource_create', { kind: 'status', status: 403 });
    const first = await push([p]);
    expect(first.summary.results[0]!.outcome).toBe('failed');
    expect(mock.byName('dukcapil-lobar-uji-7')).toMatchObject({ private: true, resources: [] });
    const second = await push([p]);
    expect(second.summary.results[0]!.outcome).toBe('ok');
    expect(mock.byName('dukcapil-lobar-uji-7')).toMatchObject({ private: false });
    expect(mock.byName('dukcapil-lobar-uji-7')!.resources).toHaveLength(5);
  });
});

describe('package identity on push', () => {
  it('two packages of one name in one push run: the second is refused, naming both sources', async () => {
    const a = await buildPackage(join(dir, 'a'), 8);
    const b = await buildPackage(join(dir, 'b'), 8, { meta: { satuan: 'orang' } });
    const r = await push([a, b], ckan(mock.url));
    const blocked = r.summary.plans.find((p) => p.blocked)!.blocked!;
    expect(blocked).toMatchObject({ code: 'package-name-clash', params: { name: 'dukcapil-lobar-uji-8' } });
    expect([blocked.params.first, blocked.params.second].sort()).toEqual([a, b].sort());
    expect(mock.packages.size).toBe(1);
  });
});

describe('fault sweep: no dataset left deleted, empty-and-public or mislabelled after any fault', () => {
  const faults: [string, Parameters<CkanMock['fault']>[1]][] = [
    ['package_create', { kind: 'reset' }], ['package_create', { kind: 'reset-after' }], ['package_create', { kind: 'status', status: 500 }],
    ['resource_create', { kind: 'reset' }], ['resource_create', { kind: 'reset-after' }], ['resource_create', { kind: 'status', status: 503 }], ['resource_create', { kind: 'status', status: 403 }],
    ['package_patch', { kind: 'reset' }], ['package_patch', { kind: 'reset-after' }], ['package_patch', { kind: 'status', status: 500 }],
  ];
  it.each(faults.map(([a, f], i) => [i, a, f] as const))('fault %i on %s: after the failed run nothing empty is public; the next run completes it', async (i, action, fault) => {
    const p = await buildPackage(dir, 100 + i);
    const name = `dukcapil-lobar-uji-${100 + i}`;
    mock.fault(action, fault);
    await push([p], ckan(mock.url, {}, TOKEN, { retries: 0, sleep: async () => undefined }));
    const after = mock.byName(name);
    if (after) {
      expect(after.state).toBe('active');
      if (after.private === false) expect(after.resources).toHaveLength(5); // public only once filled
    }
    const again = await push([p]);
    // 'unchanged' when the faulty write had landed and only its answer was lost
    expect(['ok', 'unchanged']).toContain(again.summary.results[0]!.outcome);
    expect(again.ledger.get(name)).toMatchObject({ outcome: again.summary.results[0]!.outcome === 'ok' ? 'pushed' : 'unchanged', public: true });
    const done = mock.byName(name)!;
    expect(done).toMatchObject({ state: 'active', private: false, license_id: 'cc-by' });
    expect(done.resources.map((r) => r.name).sort()).toEqual(['data', 'datapackage', 'laporan-validasi-html', 'laporan-validasi-json', 'original']);
    expect([...mock.packages.values()].filter((x) => x.name === name)).toHaveLength(1);
    expect((await push([p])).summary.results[0]!.outcome).toBe('unchanged');
  });
});
