/**
 * A small loopback CKAN that answers `package_search` only (127.0.0.1, ephemeral port), for the weekly audit's
 * portal source; its datasets look like CKAN 2.10's (zoneless UTC timestamps, `state`, `private`, CKAN licence ids).
 * portal source. It serves `count` generated datasets sorted by id, honours rows/start/sort/facet.field/facet.limit,
 * and counts the requests it receives. (The fuller CKAN mock for push lives in ckan-mock.ts.)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MockDataset {
  id: string;
  name: string;
  title: string;
  organization: { id: string; name: string };
  metadata_created: string;
  metadata_modified: string;
  state: 'active';
  private: boolean;
  license_id?: string;
  notes?: string;
  tags?: { name: string }[];
  extras: { key: string; value: string }[];
  resources: { id: string; name: string; url: string; format: string; last_modified: string; validation_status?: string }[];
}

export interface SearchMock {
  base: string;
  requests: { path: string; params: Record<string, string> }[];
  datasets: MockDataset[];
  /** Answer with this HTTP status (and a CKAN error envelope) from now on; undefined: answer normally. */
  failWith?: number;
  close(): Promise<void>;
}

export function makeDatasets(count: number, orgs = 45): MockDataset[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    const org = `opd-${String((i % orgs) + 1).padStart(2, '0')}`;
    return {
      id: `00000000-0000-4000-8000-00000000${n}`,
      name: `${org}-dataset-${n}`,
      title: `Dataset ${n}`,
      organization: { id: org, name: org },
      // CKAN 2.10: UTC timestamps without a zone, licence ids from its license_list
      metadata_created: '2021-03-01T00:00:00.000000',
      metadata_modified: '2022-03-20T04:00:00.000000',
      state: 'active',
      private: false,
      license_id: 'cc-by',
      notes: 'x'.repeat(120),
      tags: [{ name: 'ntb' }],
      extras: [{ key: 'konsep', value: 'Konsep' }, { key: 'satuan', value: 'Unit' }, { key: 'frekuensi', value: 'tahunan' }],
      resources: [
        { id: `r1-${n}`, name: 'Data 2020', url: `http://files.invalid/${org}/data-2020.csv`, format: 'CSV', last_modified: '2021-03-01T00:00:00' },
        ...(i % 10 !== 0 ? [{ id: `r2-${n}`, name: 'Data 2021', url: `http://files.invalid/${org}/data-2021.csv`, format: 'CSV', last_modified: '2022-02-10T00:00:00', ...(i % 10 === 1 ? { validation_status: 'failure' } : {}) }] : []),
      ],
    };
  });
}

export async function startSearchMock(count: number): Promise<SearchMock> {
  const mock = { requests: [], datasets: makeDatasets(count) } as unknown as SearchMock;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const params = Object.fromEntries(url.searchParams.entries());
    mock.requests.push({ path: url.pathname, params });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (mock.failWith) return send(mock.failWith, { success: false, error: { __type: 'Authorization Error', message: 'Access denied' } });
    if (url.pathname !== '/api/3/action/package_search') return send(404, { success: false, error: { __type: 'Not Found Error', message: 'Not found' } });
    const rows = Math.min(Number(params.rows ?? 10), 1000);
    const start = Number(params.start ?? 0);
    const sorted = [...mock.datasets].sort((a, b) => (params.sort === 'id asc' ? a.id.localeCompare(b.id) : 0));
    const facets: Record<string, { items: { name: string; display_name: string; count: number }[] }> = {};
    if (params['facet.field']) {
      for (const field of JSON.parse(params['facet.field']) as string[]) {
        const counts = new Map<string, number>();
        if (field === 'organization') for (const d of mock.datasets) counts.set(d.organization.name, (counts.get(d.organization.name) ?? 0) + 1);
        facets[field] = { items: [...counts].map(([name, c]) => ({ name, display_name: name, count: c })) };
      }
    }
    send(200, { help: 'package_search', success: true, result: { count: mock.datasets.length, results: sorted.slice(start, start + rows), search_facets: facets, facets: {} } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mock.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mock.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return mock;
}
