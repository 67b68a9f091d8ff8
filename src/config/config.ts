/**
 * The config file: named portals (kind, base URL, organisation, options) and, optionally, their tokens.
 * A file that holds a token must be readable by its owner only (0600): a group- or world-readable one is
 * refused. Environment overrides for CI: SATUDATA_PORTAL_<NAME>_{TOKEN,URL,ORG,KIND}; a portal can be
 * defined by the environment alone (KIND and URL).
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../io/atomic.js';
import { configPath } from './location.js';

export const PORTAL_KINDS = ['ckan', 'sipd', 'manual'] as const;
/** Where manual ZIPs go when the portal config names no folder. */
export const DEFAULT_MANUAL_DIR = 'unggah';
export type PortalKind = (typeof PORTAL_KINDS)[number];

export interface PortalConfig {
  kind: PortalKind;
  /** Base URL (CKAN site root; SIPD service base). Not used by `manual`. */
  url?: string;
  /** CKAN organisation name (owner_org) the datasets belong to. */
  organization?: string;
  /** Secret; better kept in SATUDATA_PORTAL_<NAME>_TOKEN. */
  token?: string;
  /** Parallel datasets (default 4). */
  concurrency?: number;
  /** Upload limit in MB (CKAN default ckan.max_resource_size = 10). */
  maxUploadMb?: number;
  /** CKAN: put custom metadata as top-level keys (ckanext-scheming) instead of extras; default: detected. */
  scheming?: boolean;
  /** CKAN: make new datasets private (default: from metadata `akses`). */
  private?: boolean;
  /** manual: folder the ZIPs are written to. */
  dir?: string;
  /** SIPD: kode pemda (e.g. "52" or "5271"); default: from metadata cakupan. */
  kodepemda?: string;
  [key: string]: unknown;
}

export interface ConfigFile {
  portals: Record<string, PortalConfig>;
}

/** A config problem, coded for the issue catalog. */
export class ConfigError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number>,
  ) {
    super(code);
    this.name = 'ConfigError';
  }
}

/** `ntb-prov` → `NTB_PROV` (the environment variable part). */
export function envName(portal: string): string {
  return portal.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

export function tokenEnvVar(portal: string): string {
  return `SATUDATA_PORTAL_${envName(portal)}_TOKEN`;
}

export const PORTAL_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** Reads the config file (an empty config when there is none). Refuses a readable-by-others file with tokens. */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<{ path: string; config: ConfigFile; exists: boolean }> {
  const path = configPath(env);
  if (!existsSync(path)) return { path, config: { portals: {} }, exists: false };
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new ConfigError('config-invalid', { path, detail: (err as Error).message.slice(0, 120) });
  }
  const config = checkShape(json, path);
  const hasToken = Object.values(config.portals).some((p) => typeof p.token === 'string' && p.token !== '');
  if (hasToken && process.platform !== 'win32') {
    const mode = (await stat(path)).mode & 0o777;
    if (mode & 0o077) throw new ConfigError('config-insecure', { path, mode: mode.toString(8).padStart(4, '0') });
  }
  return { path, config, exists: true };
}

function checkShape(json: unknown, path: string): ConfigFile {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ConfigError('config-invalid', { path, detail: 'not an object' });
  const portals = (json as { portals?: unknown }).portals ?? {};
  if (typeof portals !== 'object' || portals === null || Array.isArray(portals)) throw new ConfigError('config-invalid', { path, detail: '"portals" is not an object' });
  for (const [name, p] of Object.entries(portals as Record<string, unknown>)) {
    const kind = (p as { kind?: unknown })?.kind;
    if (typeof p !== 'object' || p === null || !PORTAL_KINDS.includes(kind as PortalKind)) {
      throw new ConfigError('config-invalid', { path, detail: `@detail.bad-kind:${name}` });
    }
  }
  return { ...(json as object), portals: portals as Record<string, PortalConfig> };
}

/** Writes the config atomically with mode 0600; a folder created for it is 0700 (owner only). */
export async function saveConfig(path: string, config: ConfigFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFileAtomic(path, JSON.stringify(config, null, 2) + '\n', 0o600);
  await chmod(path, 0o600);
}

export interface ResolvedPortal extends PortalConfig {
  name: string;
  /** Where the token came from (never the token itself in messages). */
  tokenSource: 'env' | 'config' | null;
}

/** A portal with the environment overrides applied; throws config-unknown-portal when not defined anywhere. */
export function resolvePortal(config: ConfigFile, name: string, env: NodeJS.ProcessEnv = process.env): ResolvedPortal {
  const prefix = `SATUDATA_PORTAL_${envName(name)}_`;
  const base: Partial<PortalConfig> = config.portals[name] ?? {};
  const kind = (env[`${prefix}KIND`] as PortalKind | undefined) ?? base.kind;
  if (!kind || !PORTAL_KINDS.includes(kind)) throw new ConfigError('config-unknown-portal', { portal: name, known: Object.keys(config.portals).join(', ') || '-' });
  const envToken = env[`${prefix}TOKEN`];
  const out: ResolvedPortal = { ...base, kind, name, tokenSource: null };
  if (env[`${prefix}URL`]) out.url = env[`${prefix}URL`];
  if (env[`${prefix}ORG`]) out.organization = env[`${prefix}ORG`];
  if (envToken) {
    out.token = envToken;
    out.tokenSource = 'env';
  } else if (base.token) out.tokenSource = 'config';
  if (typeof out.token === 'string') checkToken(out.token, name, out.tokenSource === 'env' ? `${prefix}TOKEN` : configPath(env));
  return out;
}

/**
 * A token must be one printable line: one with a newline or another control character cannot go in an HTTP
 * header (fetch would fail as a network error), so it is a config error naming where it came from — never
 * the token itself.
 */
export function checkToken(token: string, portal: string, source: string): void {
  if (/[\u0000-\u001f\u007f]/.test(token)) throw new ConfigError('config-token-invalid', { portal, source });
}
