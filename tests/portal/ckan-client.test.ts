import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CkanMock } from '../support/ckan-mock.js';
import { CkanError, ckanAction, organizationListForUser, packageSearch, packageShow, statusShow } from '../../src/portal/ckan/client.js';
import { TOKEN } from './helpers.js';

let mock: CkanMock;
beforeAll(async () => {
  mock = await new CkanMock({ users: { [TOKEN]: { name: 'opd-dukcapil', orgs: { diskominfotik: 'editor' } } } }).start();
});
afterAll(() => mock.close());

describe('CKAN client against the CKAN 2.10 behaviour', () => {
  it('unwraps the {help, success, result} envelope (status_show)', async () => {
    const s = await statusShow(mock.url);
    expect(s.ckan_version).toBe('2.10.4');
  });

  it('sends the token as the bare Authorization header (no Bearer)', async () => {
    await organizationListForUser(mock.url, { token: TOKEN });
    expect([...mock.authHeaders]).toEqual([TOKEN]);
  });

  it('treats an invalid token like CKAN: anonymous, so the organisation list is empty', async () => {
    expect(await organizationListForUser(mock.url, { token: 'not-a-token' })).toEqual([]);
    expect(await organizationListForUser(mock.url, { token: TOKEN })).toHaveLength(1);
  });

  it('maps 404 of package_show to null', async () => {
    expect(await packageShow(mock.url, 'tidak-ada')).toBeNull();
  });

  it('turns the bare JSON string of an unknown action (400) into a CkanError', async () => {
    const err = await ckanAction(mock.url, 'no_such_action', {}, {}).catch((e) => e);
    expect(err).toBeInstanceOf(CkanError);
    expect(err.status).toBe(400);
    expect(err.detail).toContain('Action name not known');
  });

  it('keeps the field-keyed errors of a 409', async () => {
    const err = await ckanAction(mock.url, 'package_create', { name: 'X!', owner_org: 'diskominfotik' }, { token: TOKEN }).catch((e) => e);
    expect(err.status).toBe(409);
    expect(err.ckanType).toBe('Validation Error');
    expect(Object.keys(err.fields)).toEqual(['name']);
  });

  it('packageSearch returns count, results and facets (the audit read)', async () => {
    await ckanAction(mock.url, 'package_create', { name: 'cari-satu', owner_org: 'diskominfotik' }, { token: TOKEN });
    const r = await packageSearch(mock.url, { rows: 0, facetFields: ['organization'], facetLimit: -1 });
    expect(r.count).toBeGreaterThanOrEqual(1);
    expect(r.results).toEqual([]);
    expect(r.facets.organization?.[0]).toMatchObject({ name: 'diskominfotik' });
  });
});

describe('portal detection', () => {
  it('a web site that is not CKAN (HTML answer) gives push-not-ckan; an unreachable one push-network', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Satu Data NTB</html>'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    const { ckan } = await import('./helpers.js');
    await expect(ckan(`http://127.0.0.1:${port}`).identify()).rejects.toMatchObject({ code: 'push-not-ckan' });
    await new Promise<void>((r) => server.close(() => r()));
    await expect(ckan(`http://127.0.0.1:${port}`).identify()).rejects.toMatchObject({ code: 'push-network' });
  });
});
