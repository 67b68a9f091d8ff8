import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig, resolvePortal, saveConfig, tokenEnvVar } from '../../src/config/config.js';
import { configPath, ledgerDir } from '../../src/config/location.js';
import { tmp } from '../portal/helpers.js';

describe('config location', () => {
  it('uses SATUDATA_CONFIG, then XDG_CONFIG_HOME, then ~/.config', () => {
    expect(configPath({ SATUDATA_CONFIG: '/x/c.json' })).toBe('/x/c.json');
    expect(configPath({ XDG_CONFIG_HOME: '/xdg' })).toBe('/xdg/satudata/config.json');
    expect(configPath({})).toBe(join(homedir(), '.config', 'satudata', 'config.json'));
    expect(ledgerDir({ XDG_STATE_HOME: '/s' })).toBe('/s/satudata/ledger');
    expect(ledgerDir({ SATUDATA_LEDGER_DIR: '/l' })).toBe('/l');
  });
});

describe('config file', () => {
  it('saves with mode 0600 and reads back', async () => {
    const path = join(tmp('satudata-cfg-'), 'sub', 'config.json');
    await saveConfig(path, { portals: { ntb: { kind: 'ckan', url: 'https://data.example.go.id', organization: 'dinkes', token: 'tok-123456' } } });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const { config } = await loadConfig({ SATUDATA_CONFIG: path });
    expect(config.portals.ntb!.organization).toBe('dinkes');
  });

  it('refuses a config with a token that others can read', async () => {
    const path = join(tmp('satudata-cfg-'), 'config.json');
    writeFileSync(path, JSON.stringify({ portals: { ntb: { kind: 'ckan', url: 'https://x', token: 'tok-123456' } } }));
    chmodSync(path, 0o644);
    await expect(loadConfig({ SATUDATA_CONFIG: path })).rejects.toMatchObject({ code: 'config-insecure', params: { mode: '0644' } });
    // without a token the same permissions are fine
    writeFileSync(path, JSON.stringify({ portals: { ntb: { kind: 'ckan', url: 'https://x' } } }));
    await expect(loadConfig({ SATUDATA_CONFIG: path })).resolves.toBeTruthy();
  });

  it('rejects broken JSON and unknown kinds with config-invalid', async () => {
    const path = join(tmp('satudata-cfg-'), 'config.json');
    writeFileSync(path, '{nope');
    await expect(loadConfig({ SATUDATA_CONFIG: path })).rejects.toMatchObject({ code: 'config-invalid' });
    writeFileSync(path, JSON.stringify({ portals: { a: { kind: 'ftp' } } }));
    await expect(loadConfig({ SATUDATA_CONFIG: path })).rejects.toMatchObject({ code: 'config-invalid' });
  });

  it('applies environment overrides for CI, token from the environment first', () => {
    const config = { portals: { 'ntb-prov': { kind: 'ckan' as const, url: 'https://a', organization: 'o1', token: 'file-token' } } };
    expect(tokenEnvVar('ntb-prov')).toBe('SATUDATA_PORTAL_NTB_PROV_TOKEN');
    const p = resolvePortal(config, 'ntb-prov', { SATUDATA_PORTAL_NTB_PROV_TOKEN: 'env-token', SATUDATA_PORTAL_NTB_PROV_URL: 'https://b' });
    expect(p).toMatchObject({ token: 'env-token', tokenSource: 'env', url: 'https://b', organization: 'o1' });
    expect(resolvePortal(config, 'ntb-prov', {}).tokenSource).toBe('config');
    const envOnly = resolvePortal({ portals: {} }, 'ci', { SATUDATA_PORTAL_CI_KIND: 'ckan', SATUDATA_PORTAL_CI_URL: 'https://c', SATUDATA_PORTAL_CI_ORG: 'x' });
    expect(envOnly).toMatchObject({ kind: 'ckan', url: 'https://c', organization: 'x', tokenSource: null });
    expect(() => resolvePortal({ portals: {} }, 'nope', {})).toThrow(expect.objectContaining({ code: 'config-unknown-portal' }));
  });
});

describe('config hardening (issue 13)', () => {
  it('creates the config folder 0700 and the file 0600', async () => {
    const root = tmp('satudata-cfg-');
    const path = join(root, 'baru', 'satudata', 'config.json');
    await saveConfig(path, { portals: {} });
    expect(statSync(join(root, 'baru', 'satudata')).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, 'baru')).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('a token with a newline or control character is config-token-invalid, naming its source, never the token', () => {
    const config = { portals: { ntb: { kind: 'ckan' as const, url: 'https://x', token: 'abc\ndef-secret' } } };
    expect(() => resolvePortal(config, 'ntb', { SATUDATA_CONFIG: '/c/config.json' })).toThrow(expect.objectContaining({ code: 'config-token-invalid', params: { portal: 'ntb', source: '/c/config.json' } }));
    expect(() => resolvePortal({ portals: {} }, 'ntb', { SATUDATA_PORTAL_NTB_KIND: 'ckan', SATUDATA_PORTAL_NTB_TOKEN: 'tok-123\r\n' })).toThrow(expect.objectContaining({ code: 'config-token-invalid', params: { portal: 'ntb', source: 'SATUDATA_PORTAL_NTB_TOKEN' } }));
    expect(resolvePortal({ portals: {} }, 'ntb', { SATUDATA_PORTAL_NTB_KIND: 'ckan', SATUDATA_PORTAL_NTB_TOKEN: 'tok-123' }).token).toBe('tok-123');
  });

  it('push with such a token exits 2 with [config-token-invalid], not push-network', async () => {
    const { runCli } = await import('../support/cli.js');
    const r = runCli(['push', '--portal', 'ntb', 'paket/x'], { SATUDATA_CONFIG: join(tmp('satudata-cfg-'), 'none.json'), SATUDATA_PORTAL_NTB_KIND: 'ckan', SATUDATA_PORTAL_NTB_URL: 'http://127.0.0.1:9', SATUDATA_PORTAL_NTB_TOKEN: 'rahasia-1\nrahasia-2' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[config-token-invalid]');
    expect(r.stderr).not.toContain('push-network');
    expect(r.stderr).not.toContain('rahasia');
  });
});
