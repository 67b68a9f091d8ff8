/** `satudata config`: show (tokens only as "set, from …"), set-portal (token from stdin, file mode 0600), remove-portal. */
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import { checkToken, ConfigError, DEFAULT_MANUAL_DIR, loadConfig, PORTAL_NAME, resolvePortal, saveConfig, tokenEnvVar, type PortalConfig, type PortalKind } from '../config/config.js';
import { EXIT_OK, EXIT_USAGE } from './context.js';
import { positiveOption, printCoded, usageError } from './coded.js';
import { maskUrlCredentials } from '../portal/http.js';
import { termSafe } from '../report/terminal-safe.js';

export async function runConfigShow(lang: Lang): Promise<number> {
  try {
    const { path, config, exists } = await loadConfig();
    const lines = [t(lang, 'config.path', { path, missing: exists ? '' : ` ${t(lang, 'config.none')}` })];
    const names = new Set(Object.keys(config.portals));
    for (const k of Object.keys(process.env)) {
      const m = /^SATUDATA_PORTAL_([A-Z0-9_]+)_KIND$/.exec(k);
      if (m) names.add(m[1]!.toLowerCase().replace(/_/g, '-'));
    }
    if (names.size === 0) lines.push(`  ${t(lang, 'config.no-portals')}`);
    for (const name of [...names].sort()) {
      let p;
      try {
        p = resolvePortal(config, name);
      } catch {
        continue;
      }
      const token = p.tokenSource === 'env' ? t(lang, 'config.token.env', { env: tokenEnvVar(name) }) : p.tokenSource === 'config' ? t(lang, 'config.token.file') : t(lang, 'config.token.none', { env: tokenEnvVar(name) });
      const where = p.kind === 'manual' ? `dir=${p.dir ?? DEFAULT_MANUAL_DIR}` : `url=${p.url ? maskUrlCredentials(p.url) : '-'}`;
      const org = p.kind === 'ckan' ? ` org=${p.organization ?? '-'}` : p.kind === 'sipd' ? ` kodepemda=${p.kodepemda ?? '-'}` : '';
      lines.push(`  ${name}: ${p.kind} ${where}${org}${p.kind === 'manual' ? '' : ` token=${token}`}`);
    }
    lines.push(t(lang, 'config.env-help'));
    process.stdout.write(lines.join('\n') + '\n');
    return EXIT_OK;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    printCoded(lang, err.code, err.params);
    return EXIT_USAGE;
  }
}

export interface ConfigSetOptions {
  lang: Lang;
  kind?: PortalKind;
  url?: string;
  org?: string;
  dir?: string;
  kodepemda?: string;
  maxUploadMb?: string;
  concurrency?: string;
  tokenStdin?: boolean;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

export async function runConfigSet(name: string, o: ConfigSetOptions): Promise<number> {
  const lang = o.lang;
  if (!PORTAL_NAME.test(name)) {
    return usageError(lang, 'config.bad-name', { name });
  }
  try {
    const { path, config } = await loadConfig();
    const prev: Partial<PortalConfig> = config.portals[name] ?? {};
    const kind = o.kind ?? prev.kind;
    if (!kind) {
      return usageError(lang, 'config.need-kind');
    }
    const next: PortalConfig = { ...prev, kind };
    if (o.url !== undefined) {
      if (!/^https?:\/\/\S+$/.test(o.url)) {
        return usageError(lang, 'config.bad-url', { url: o.url });
      }
      next.url = o.url;
    }
    // a CKAN portal is nothing without its address (SIPD has a default one)
    if (kind === 'ckan' && !next.url) return usageError(lang, 'config.need-url', { name });
    if (next.url && maskUrlCredentials(next.url) !== next.url) return usageError(lang, 'config.url-credentials');
    if (o.org !== undefined) next.organization = o.org;
    if (o.dir !== undefined) next.dir = o.dir;
    if (o.kodepemda !== undefined) next.kodepemda = o.kodepemda;
    for (const [key, v] of [['maxUploadMb', o.maxUploadMb], ['concurrency', o.concurrency]] as const) {
      if (v === undefined) continue;
      const n = positiveOption(v, key, lang, { real: true });
      if (n === null || n === undefined) return EXIT_USAGE;
      next[key] = n;
    }
    if (o.tokenStdin) {
      const token = await readStdin();
      if (token) {
        checkToken(token, name, 'stdin');
        next.token = token;
      }
    }
    config.portals[name] = next;
    await saveConfig(path, config);
    process.stdout.write(`${termSafe(t(lang, 'config.saved', { name, path }))}\n`);
    if (!next.token && kind !== 'manual') process.stdout.write(`  ${termSafe(t(lang, 'config.token.none', { env: tokenEnvVar(name) }))}\n`);
    return EXIT_OK;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    printCoded(lang, err.code, err.params);
    return EXIT_USAGE;
  }
}

export async function runConfigRemove(name: string, lang: Lang): Promise<number> {
  try {
    const { path, config } = await loadConfig();
    if (!config.portals[name]) {
      printCoded(lang, 'config-unknown-portal', { portal: name, known: Object.keys(config.portals).join(', ') || '-' });
      return EXIT_USAGE;
    }
    delete config.portals[name];
    await saveConfig(path, config);
    process.stdout.write(`${termSafe(t(lang, 'config.removed', { name, path }))}\n`);
    return EXIT_OK;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    printCoded(lang, err.code, err.params);
    return EXIT_USAGE;
  }
}
