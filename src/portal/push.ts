/**
 * `satudata push` without the CLI: for every package — load and check its hashes, refuse data whose
 * validation failed unless forced, plan against the portal, then (unless dry-run) apply and record the
 * outcome in the ledger. Datasets run with bounded concurrency; one failing dataset does not stop others.
 */
import { loadPackage, PackageLoadError, type LoadedPackage } from '../package/load.js';
import type { Ledger } from './ledger.js';
import { mapPool } from '../io/pool.js';
import { PortalError, type ApplyResult, type DatasetPlan, type Portal } from './types.js';

export interface PushOptions {
  portal: Portal;
  ledger: Ledger;
  dryRun?: boolean;
  /** Push packages whose data failed validation (--force). */
  force?: boolean;
  concurrency?: number;
  onPlan?: (plan: DatasetPlan) => void;
  onResult?: (result: ApplyResult) => void;
}

export interface PushSummary {
  plans: DatasetPlan[];
  results: ApplyResult[];
  failed: number;
  writes: number;
}

export async function pushPackages(sources: string[], o: PushOptions): Promise<PushSummary> {
  const plans: DatasetPlan[] = [];
  const results: ApplyResult[] = [];
  if (!o.dryRun) o.portal.onProgress = (entry) => o.ledger.record(entry);
  const seen = new Map<string, string>(); // package name → the source that claimed it first in this run
  await mapPool(sources, o.concurrency ?? 4, async (source) => {
    let pkg: LoadedPackage;
    try {
      pkg = await loadPackage(source);
    } catch (err) {
      if (!(err instanceof PackageLoadError)) throw err;
      const plan: DatasetPlan = { name: source, source, steps: [], blocked: { code: 'package-corrupt', params: { path: err.source, detail: err.detail } } };
      return finish(plan, { name: source, outcome: 'failed', error: plan.blocked!, writes: 0 });
    }
    const first = seen.get(pkg.name);
    if (first !== undefined) {
      // two packages of one name would write the same portal dataset
      const plan: DatasetPlan = { name: pkg.name, source, steps: [], blocked: { code: 'package-name-clash', params: { name: pkg.name, first, second: source } } };
      return finish(plan, { name: pkg.name, outcome: 'failed', error: plan.blocked!, writes: 0 });
    }
    seen.set(pkg.name, source);
    if (pkg.provenance && !pkg.provenance.valid && !o.force) {
      const plan: DatasetPlan = { name: pkg.name, source, steps: [], blocked: { code: 'push-invalid-data', params: { dataset: pkg.name, errors: pkg.provenance.report.errors } } };
      return finish(plan, { name: pkg.name, outcome: 'failed', error: plan.blocked!, writes: 0 });
    }
    const previous = o.ledger.get(pkg.name);
    let plan: DatasetPlan;
    let result: ApplyResult;
    try {
      plan = await o.portal.plan(pkg, previous);
    } catch (err) {
      if (!(err instanceof PortalError)) throw err;
      const blocked: DatasetPlan = { name: pkg.name, source, steps: [], blocked: { code: err.code, params: err.params } };
      return finish(blocked, o.dryRun ? null : { name: pkg.name, outcome: 'failed', error: blocked.blocked!, writes: 0 });
    }
    if (o.dryRun) return finish(plan, null);
    try {
      result = await o.portal.apply(pkg, plan, previous);
    } catch (err) {
      if (!(err instanceof PortalError)) throw err;
      result = { name: pkg.name, outcome: 'failed', error: { code: err.code, params: err.params }, writes: 0 };
    }
    if (result.entry) await o.ledger.record(result.entry, result.outcome === 'failed' ? undefined : pkg);
    return finish(plan, result);
  });

  function finish(plan: DatasetPlan, result: ApplyResult | null): void {
    plans.push(plan);
    o.onPlan?.(plan);
    if (result) {
      results.push(result);
      o.onResult?.(result);
    }
  }
  const failed = plans.filter((p) => p.blocked).length + results.filter((r) => r.outcome === 'failed' && !plans.find((p) => p.name === r.name)?.blocked).length;
  return { plans, results, failed, writes: results.reduce((n, r) => n + r.writes, 0) };
}
