/**
 * `satudata push`: config → portal adapter → identify (prints who and which organisation) → plan per
 * package → print the plan (--dry-run stops here) → apply → ledger → summary. Tokens never reach output.
 */
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import { ConfigError, DEFAULT_MANUAL_DIR, loadConfig, resolvePortal, tokenEnvVar } from '../config/config.js';
import { maskUrlCredentials, redact } from '../portal/http.js';
import { Ledger } from '../portal/ledger.js';
import { openPortal } from '../portal/open.js';
import { pushPackages } from '../portal/push.js';
import { PortalError, type ApplyResult, type DatasetPlan } from '../portal/types.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from './context.js';
import { codedLine, positiveOption } from './coded.js';
import { termSafe } from '../report/terminal-safe.js';

export interface PushCliOptions {
  lang: Lang;
  portal: string;
  dryRun?: boolean;
  force?: boolean;
  /** Manual portal: the arguments are dataset names whose ZIP the walidata uploaded. */
  confirm?: boolean;
  concurrency?: string;
  format: 'pretty' | 'json';
}

export async function runPush(packages: string[], o: PushCliOptions): Promise<number> {
  const lang = o.lang;
  const started = performance.now();
  let token: string | undefined;
  // portal answers (names, URLs) are printed terminal-safe, line by line
  const out = (s: string) => process.stdout.write(redact(s.split('\n').map(termSafe).join('\n'), [token]));
  try {
    const { config } = await loadConfig();
    const portalCfg = resolvePortal(config, o.portal);
    token = portalCfg.token;
    const concurrency = positiveOption(o.concurrency ?? portalCfg.concurrency ?? 4, '--concurrency', lang, { max: 32 });
    if (concurrency === null || concurrency === undefined) return EXIT_USAGE;
    if (o.confirm) return await confirmManual(packages, o, portalCfg.kind, portalCfg.url ?? portalCfg.dir);
    const portal = openPortal(portalCfg, { lang });
    const who = await portal.identify();
    const user = who.user || t(lang, 'push.token-owner', { source: portalCfg.tokenSource === 'env' ? tokenEnvVar(o.portal) : portalCfg.tokenSource === 'config' ? t(lang, 'push.token-config') : '-' });
    if (o.format === 'pretty') {
      out(`${t(lang, portalCfg.kind === 'manual' ? 'push.identity-manual' : 'push.identity', { portal: o.portal, software: who.portal, url: portalCfg.kind === 'manual' ? portalCfg.dir ?? DEFAULT_MANUAL_DIR : maskUrlCredentials(portalCfg.url ?? '-'), user, organization: who.organization })}\n`);
      for (const n of who.notes) out(`  ℹ ${t(lang, n.key, n.params)}\n`);
      if (o.dryRun) out(`${t(lang, 'push.dry-run')}\n`);
    }
    const ledger = await Ledger.open(o.portal, undefined, portalCfg.url ?? portalCfg.dir);
    const shown = new Set<string>(); // datasets whose blocked plan was already printed
    const summary = await pushPackages(packages, {
      portal, ledger, concurrency,
      ...(o.dryRun ? { dryRun: true } : {}),
      ...(o.force ? { force: true } : {}),
      onPlan: (plan) => {
        if (plan.blocked) shown.add(plan.name);
        if (o.format === 'pretty' && (o.dryRun || plan.blocked)) out(formatPlan(plan, lang));
      },
      onResult: (r) => {
        if (o.format === 'pretty' && !shown.has(r.name)) out(formatResult(r, lang));
        if (o.format === 'pretty' && portalCfg.kind === 'manual' && r.entry?.outcome === 'packaged') out(`  ${t(lang, 'push.manual-pending', { name: r.name, portal: o.portal })}\n`);
      },
    });
    const ok = summary.results.filter((r) => r.outcome === 'ok').length;
    const unchanged = summary.results.filter((r) => r.outcome === 'unchanged').length;
    const failedCodes = [...summary.plans.filter((p) => p.blocked).map((p) => p.blocked!.code), ...summary.results.filter((r) => r.outcome === 'failed' && r.error).map((r) => r.error!.code)];
    const failed = new Set([...summary.plans.filter((p) => p.blocked).map((p) => p.name), ...summary.results.filter((r) => r.outcome === 'failed').map((r) => r.name)]).size;
    const seconds = Math.round(performance.now() - started) / 1000;
    if (o.format === 'json') {
      out(JSON.stringify({
        portal: o.portal, software: who.portal, organization: who.organization, dryRun: !!o.dryRun,
        datasets: summary.plans.map((p) => ({
          name: p.name, source: p.source,
          steps: p.steps.map((s) => ({ action: s.action, target: s.target, name: s.name, ...(s.detail ? { detail: s.detail } : {}) })),
          ...(p.blocked ? { error: p.blocked.code, params: p.blocked.params } : {}),
          ...(() => {
            const r = summary.results.find((x) => x.name === p.name);
            return r ? { outcome: r.outcome, writes: r.writes, ...(r.error && !p.blocked ? { error: r.error.code, params: r.error.params } : {}) } : {};
          })(),
        })),
        stats: { ok, unchanged, failed, writes: summary.writes, seconds },
        ledger: ledger.path,
      }, null, 2) + '\n');
    } else {
      out(`${t(lang, o.dryRun ? 'push.summary-dry' : 'push.summary', { ok, unchanged, failed, planned: summary.plans.length, writes: summary.writes, seconds, ledger: ledger.path })}\n`);
    }
    if (failed === 0) return EXIT_OK;
    return failedCodes.every((c) => c === 'push-invalid-data') ? EXIT_INVALID : EXIT_USAGE;
  } catch (err) {
    if (err instanceof ConfigError || err instanceof PortalError) {
      process.stderr.write(redact(`satudata: ${codedLine(lang, err.code, err.params)}\n`, [token]));
      return EXIT_USAGE;
    }
    throw err;
  }
}

/**
 * `push --portal MANUAL --confirm NAME…`: the walidata uploaded these ZIPs through the web form; their ledger
 * entries become published (pushed_at = now). Names may be given as package folders or ZIP paths.
 */
async function confirmManual(names: string[], o: PushCliOptions, kind: string, location: string | undefined): Promise<number> {
  const lang = o.lang;
  if (kind !== 'manual') {
    process.stderr.write(`satudata: ${t(lang, 'push.confirm-needs-manual', { portal: o.portal, kind })}\n`);
    return EXIT_USAGE;
  }
  const ledger = await Ledger.open(o.portal, undefined, location);
  const at = new Date().toISOString();
  let code = EXIT_OK;
  const done: string[] = [];
  for (const raw of names) {
    const name = raw.replace(/[\\/]+$/, '').split(/[\\/]/).pop()!.replace(/\.zip$/i, '');
    if (!(await ledger.confirm(name, at))) {
      process.stderr.write(`satudata: ${codedLine(lang, 'push-manual-unknown', { name, portal: o.portal })}\n`);
      code = EXIT_USAGE;
      continue;
    }
    done.push(name);
    if (o.format === 'pretty') process.stdout.write(`✔ ${t(lang, 'push.confirmed', { name, at })}\n`);
  }
  if (o.format === 'json') process.stdout.write(JSON.stringify({ portal: o.portal, confirmed: done, at, ledger: ledger.path }, null, 2) + '\n');
  return code;
}

function formatPlan(plan: DatasetPlan, lang: Lang): string {
  const lines = [`${plan.name}  (${plan.source})`];
  if (plan.blocked) lines.push(`  ✖ ${codedLine(lang, plan.blocked.code, plan.blocked.params)}`);
  for (const s of plan.steps) {
    lines.push(`  ${t(lang, `push.step.${s.action}`).padEnd(14)} ${t(lang, `push.target.${s.target}`)} ${s.name}${s.detail ? `  (${s.detail})` : ''}`);
  }
  return lines.join('\n') + '\n';
}

function formatResult(r: ApplyResult, lang: Lang): string {
  if (r.outcome === 'failed' && r.error) return `✖ ${r.name}: ${codedLine(lang, r.error.code, r.error.params)}\n`;
  return `${r.outcome === 'ok' ? '✔' : '='} ${t(lang, `push.result.${r.outcome}`, { name: r.name, writes: r.writes })}\n`;
}

