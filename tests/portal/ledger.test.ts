/** The push ledger: `satudata-ledger/1`, readable by the weekly audit, no token, resumable. */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/portal/ledger.js';
import { loadPackage } from '../../src/package/load.js';
import { readLedger } from '../../src/audit/sources/ledger.js';
import { buildPackage, tmp } from './helpers.js';

describe('push ledger', () => {
  it('writes satudata-ledger/1 (mode 0600) that the weekly audit reads as published periods', async () => {
    const dir = tmp();
    const pkg = await loadPackage(await buildPackage(dir, 1));
    const l = await Ledger.open('ntb', join(dir, 'ledger'), 'https://data.example.go.id');
    await l.record({ name: pkg.name, package_id: 'abc', resources: { data: { name: 'data', id: 'r1', sha256: 'x', pushed_at: '2025-01-03T00:00:00Z' } }, pushed_at: '2025-01-03T00:00:00Z', outcome: 'pushed' }, pkg);
    const json = JSON.parse(readFileSync(l.path, 'utf8'));
    expect(json.schema).toBe('satudata-ledger/1');
    expect(json.entries.map((e: { period: string }) => e.period)).toEqual(['2022', '2023']);
    expect(json.datasets[0]).toMatchObject({ name: pkg.name, opd: 'dukcapil-lobar', package_id: 'abc', outcome: 'pushed' });
    expect(statSync(l.path).mode & 0o777).toBe(0o600);
    const observed = await readLedger(l.path);
    expect(observed.location).toBe('https://data.example.go.id');
    expect(observed.datasets[0]!.periods['2023']).toMatchObject({ published: '2025-01-03', errors: 0 });
    // reopened: the entry is there for a resumed or repeated push
    expect((await Ledger.open('ntb', join(dir, 'ledger'))).get(pkg.name)?.package_id).toBe('abc');
  });
});
