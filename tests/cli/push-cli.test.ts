/** `satudata push` and `satudata config` through the built binary against the CKAN 2.10 mock. */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../support/cli.js';
import { CkanMock } from '../support/ckan-mock.js';
import { buildPackage, tmp, TOKEN } from '../portal/helpers.js';

function run(args: string[], env: Record<string, string>, stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [process.env.SATUDATA_BIN ?? BIN, ...args], {
      cwd: ROOT, env: { ...process.env, NO_COLOR: '1', CI: 'true', SATUDATA_LANG: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end(stdin);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let mock: CkanMock;
let dir: string;
let env: Record<string, string>;
let pkg: string;

beforeAll(async () => {
  mock = await new CkanMock({ users: { [TOKEN]: { name: 'opd', orgs: { diskominfotik: 'editor' } } } }).start();
  dir = tmp('satudata-pushcli-');
  const cfg = join(dir, 'config.json');
  writeFileSync(cfg, JSON.stringify({ portals: { uji: { kind: 'ckan', url: mock.url, organization: 'diskominfotik' } } }));
  env = { SATUDATA_CONFIG: cfg, SATUDATA_LEDGER_DIR: join(dir, 'ledger'), SATUDATA_PORTAL_UJI_TOKEN: TOKEN };
  pkg = await buildPackage(dir, 1);
});
afterAll(() => mock.close());

describe('satudata push (CLI)', () => {
  it('--dry-run prints the plan per dataset and resource and writes nothing', async () => {
    const r = await run(['push', pkg, '--portal', 'uji', '--dry-run'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('bertindak sebagai pemilik token (SATUDATA_PORTAL_UJI_TOKEN)');
    expect(r.stdout).toContain('diskominfotik');
    expect(r.stdout).toMatch(/buat\s+dataset dukcapil-lobar-uji-1/);
    expect(r.stdout).toMatch(/unggah\s+berkas data/);
    expect(mock.writes()).toEqual([]);
  });

  it('pushes, then re-push is a no-op; the token never appears', async () => {
    const r = await run(['push', pkg, '--portal', 'uji'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('terkirim (7 penulisan)'); // created private, 5 uploads, made public last
    const writes = mock.writes().length;
    const again = await run(['push', pkg, '--portal', 'uji', '--format', 'json', '--lang', 'en'], env);
    expect(again.code).toBe(0);
    const json = JSON.parse(again.stdout);
    expect(json.stats).toMatchObject({ unchanged: 1, writes: 0 });
    expect(mock.writes().length).toBe(writes);
    const ledgerText = readFileSync(join(dir, 'ledger', 'uji.json'), 'utf8');
    for (const text of [r.stdout, r.stderr, again.stdout, again.stderr, ledgerText]) expect(text).not.toContain(TOKEN);
  });

  it('an invalid token fails clearly with exit 2 and is not echoed', async () => {
    const r = await run(['push', pkg, '--portal', 'uji'], { ...env, SATUDATA_PORTAL_UJI_TOKEN: 'invalid-token-value-42' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[push-auth]');
    expect(r.stderr + r.stdout).not.toContain('invalid-token-value-42');
  });

  it('a manual portal defined only in the environment names the folder it writes to (dry run writes nothing)', async () => {
    const r = await run(['push', pkg, '--portal', 'manual-ci', '--dry-run'], { ...env, SATUDATA_PORTAL_MANUAL_CI_KIND: 'manual' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ditulis ke unggah');
    expect(existsSync(join(ROOT, 'unggah'))).toBe(false);
  });

  it('an unknown portal and an insecure config are refused (exit 2)', async () => {
    expect((await run(['push', pkg, '--portal', 'tidak-ada'], env)).stderr).toContain('[config-unknown-portal]');
    const cfg = join(dir, 'insecure.json');
    writeFileSync(cfg, JSON.stringify({ portals: { uji: { kind: 'ckan', url: mock.url, token: TOKEN } } }));
    chmodSync(cfg, 0o644);
    const r = await run(['push', pkg, '--portal', 'uji'], { ...env, SATUDATA_CONFIG: cfg });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[config-insecure]');
    expect(r.stderr).not.toContain(TOKEN);
  });
});

describe('satudata config (CLI)', () => {
  it('set-portal stores the token from stdin with mode 0600; show never prints it', async () => {
    const cfg = join(tmp('satudata-cfgcli-'), 'c', 'config.json');
    const e = { SATUDATA_CONFIG: cfg };
    const set = await run(['config', 'set-portal', 'ntb', '--kind', 'ckan', '--url', 'https://data.example.go.id', '--org', 'dinkes', '--token-stdin'], e, 'stdin-secret-token-77\n');
    expect(set.code).toBe(0);
    expect(statSync(cfg).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(cfg, 'utf8')).portals.ntb.token).toBe('stdin-secret-token-77');
    const show = await run(['config', 'show', '--lang', 'en'], e);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('ntb: ckan url=https://data.example.go.id org=dinkes token=set (in the config file)');
    expect(show.stdout).not.toContain('stdin-secret-token-77');
    expect((await run(['config', 'path'], e)).stdout.trim()).toBe(cfg);
    expect((await run(['config', 'remove-portal', 'ntb'], e)).code).toBe(0);
  });

  it('set-portal refuses a CKAN portal without an address and an address with a password (exit 2)', async () => {
    const cfg = join(tmp('satudata-cfgcli-'), 'c', 'config.json');
    const e = { SATUDATA_CONFIG: cfg };
    const noUrl = await run(['config', 'set-portal', 'ntb', '--kind', 'ckan'], e);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain('satudata: [usage-error] Portal CKAN "ntb" perlu alamat');
    const creds = await run(['config', 'set-portal', 'ntb', '--kind', 'ckan', '--url', 'https://walidata:rahasia99@data.example.go.id'], e);
    expect(creds.code).toBe(2);
    expect(creds.stderr).not.toContain('rahasia99');
    expect(existsSync(cfg)).toBe(false);
  });
});
