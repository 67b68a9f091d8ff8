/** Shared set-up for portal tests: packages built from the fixture with `satudata package` code. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageFile } from '../../src/package/build.js';
import { loadSchemaFile } from '../../src/standards/schema.js';
import type { PortalConfig } from '../../src/config/config.js';
import { CkanPortal } from '../../src/portal/ckan/adapter.js';
import { Ledger } from '../../src/portal/ledger.js';

export const FIXTURE_CSV = 'fixtures/package/penduduk-kecamatan.csv';
export const FIXTURE_META = 'fixtures/package/penduduk-kecamatan.metadata.json';
export const SCHEMA = 'fixtures/schemas/penduduk-kecamatan.schema.json';
export const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.secret-token-for-tests.SIGNATURE';
export const FIXED = new Date('2025-01-02T03:04:05Z');

export function tmp(prefix = 'satudata-portal-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Builds package i (slug `dukcapil-lobar-uji-<i>`) in `root`; `edit` may change the metadata or the CSV text. */
export async function buildPackage(root: string, i: number, edit: { meta?: Record<string, unknown>; csv?: (s: string) => string } = {}, allowInvalid = false): Promise<string> {
  const src = join(root, `src-${i}`);
  mkdirSync(src, { recursive: true });
  const csvPath = join(src, `penduduk-${i}.csv`);
  const csv = readFileSync(FIXTURE_CSV, 'utf8');
  writeFileSync(csvPath, edit.csv ? edit.csv(csv) : csv);
  const meta = { ...JSON.parse(readFileSync(FIXTURE_META, 'utf8')), slug: `dukcapil-lobar-uji-${i}`, ...edit.meta };
  writeFileSync(join(src, `penduduk-${i}.metadata.json`), JSON.stringify(meta));
  const schema = await loadSchemaFile(SCHEMA);
  const r = await packageFile(csvPath, join(root, 'paket'), { standard: { schema, path: SCHEMA }, lang: 'id', version: '0.1.0', now: FIXED, allowInvalid });
  return r.path;
}

export function copyFixture(dir: string): string {
  mkdirSync(dir, { recursive: true });
  copyFileSync(FIXTURE_CSV, join(dir, 'penduduk-kecamatan.csv'));
  copyFileSync(FIXTURE_META, join(dir, 'penduduk-kecamatan.metadata.json'));
  return join(dir, 'penduduk-kecamatan.csv');
}

export const fastRetry = { retries: 3, baseDelayMs: 1, maxDelayMs: 5, sleep: async () => undefined };

export function ckan(url: string, extra: Partial<PortalConfig> = {}, token: string | null = TOKEN, retry: object = fastRetry): CkanPortal {
  return new CkanPortal({ name: 'uji', config: { kind: 'ckan', url, organization: 'diskominfotik', ...extra }, ...(token ? { token } : {}), retry });
}

export async function ledger(dir: string): Promise<Ledger> {
  return Ledger.open('uji', dir);
}
