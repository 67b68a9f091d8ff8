/**
 * The CKAN adapter (Action API 2.9–2.11): identify (status_show, then organization_list_for_user — an
 * invalid token is silently anonymous on CKAN, so an empty list fails clearly), plan (package_show only:
 * create / patch of changed keys / skip; per resource matched by stable name: upload when new, update
 * when the sha256 differs, skip otherwise; a file over the upload limit blocks the dataset before any
 * write) and apply (exactly the plan; never delete-and-recreate; creates are checked with package_show
 * before being retried, so a lost answer never makes a duplicate).
 */
import type { LoadedPackage, LoadedResource } from '../../package/load.js';
import { digestBytes } from '../../package/hash.js';
import type { LedgerEntry } from '../ledger.js';
import { PortalError, type ApplyResult, type DatasetPlan, type Identity, type Portal, type PortalAdapterOptions, type PlanStep } from '../types.js';
import {
  CkanError, licenseList, organizationListForUser, packageCreate, packagePatch, packageShow, resourceCreate, resourceForm, resourceUpdate,
  schemingDatasetSchemaShow, statusShow, type CkanOptions, type CkanPackage, type CkanResource,
} from './client.js';
import { retryable, toPortalError } from './errors.js';
import { CKAN_DEFAULT_LICENSE_IDS, resolveLicense } from './license.js';
import { datasetDict, EXTRA_KEYS, missingRequired, ownedElsewhere, patchFor } from './mapping.js';

interface ResourceStepData {
  resource: LoadedResource;
  remoteId?: string;
}

export class CkanPortal implements Portal {
  readonly name: string;
  private readonly base: string;
  private readonly opts: CkanOptions;
  private organization = '';
  private scheming = false;
  private schemingFields: { field_name: string; required?: boolean }[] = [];
  /** The portal's licence ids, read once per run (identify). */
  private licenses: string[] = CKAN_DEFAULT_LICENSE_IDS;
  private readonly limitBytes: number;

  constructor(private readonly o: PortalAdapterOptions) {
    this.name = o.name;
    if (!o.config.url) throw new PortalError('config-invalid', { path: o.name, detail: '@detail.url-missing' });
    this.base = o.config.url.replace(/\/+$/, '');
    this.opts = { ...(o.token ? { token: o.token } : {}), ...(o.fetch ? { fetch: o.fetch } : {}), ...(o.retry ? { retry: o.retry } : {}), ...(o.limits ? { limits: o.limits } : {}) };
    this.limitBytes = Math.round((o.config.maxUploadMb ?? 10) * 1024 * 1024);
  }

  async identify(): Promise<Identity> {
    let status;
    try {
      status = await statusShow(this.base, { ...this.opts, token: undefined as never });
    } catch (err) {
      const e = toPortalError(err, '-', this.base);
      if (e.code === 'push-network' || e.code === 'push-answer-too-large') throw e;
      throw new PortalError('push-not-ckan', { url: this.base });
    }
    if (typeof status?.ckan_version !== 'string') throw new PortalError('push-not-ckan', { url: this.base });
    if (!this.o.token) throw new PortalError('push-no-token', { portal: this.name, env: `SATUDATA_PORTAL_${this.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_TOKEN` });
    let orgs;
    try {
      orgs = await organizationListForUser(this.base, this.opts);
    } catch (err) {
      throw toPortalError(err, '-', this.base);
    }
    if (orgs.length === 0) {
      // anonymous (an invalid token is silently anonymous) or a member without publishing rights?
      const member = await organizationListForUser(this.base, this.opts, 'read').catch(() => []);
      if (member.length === 0) throw new PortalError('push-auth', { portal: this.name, url: this.base });
      throw new PortalError('push-org-denied', { organization: this.o.config.organization ?? '-', organizations: '-' });
    }
    const wanted = this.o.config.organization;
    const org = wanted ? orgs.find((g) => g.name === wanted || g.id === wanted) : orgs.length === 1 ? orgs[0] : undefined;
    if (!org) throw new PortalError('push-org-denied', { organization: wanted ?? '-', organizations: orgs.map((g) => g.name).join(', ') });
    this.organization = org.name;
    try {
      this.licenses = await licenseList(this.base, this.opts);
    } catch (err) {
      // a portal without license_list (an unknown action answers 400): CKAN's default ids
      if (!(err instanceof CkanError && (err.status === 400 || err.status === 404))) throw toPortalError(err, '-', this.base);
    }
    const notes: Identity['notes'] = [];
    if (!/^2\.(9|10|11)\b/.test(status.ckan_version)) notes.push({ key: 'push.note.version', params: { version: status.ckan_version } });
    const schema = this.o.config.scheming === false ? null : await schemingDatasetSchemaShow(this.base, this.opts).catch(() => null);
    if (schema) {
      this.scheming = true;
      this.schemingFields = schema.dataset_fields ?? [];
      notes.push({ key: 'push.note.scheming' });
    } else this.scheming = this.o.config.scheming === true;
    notes.push({ key: 'push.note.limit', params: { mb: this.limitBytes / 1024 / 1024 } });
    return {
      user: typeof this.o.config.user === 'string' ? this.o.config.user : '',
      organization: `${org.title ?? org.name} (${org.name}${org.capacity ? `, ${org.capacity}` : ''})`,
      portal: `CKAN ${status.ckan_version}`,
      notes,
    };
  }

  private resourcesOf(pkg: LoadedPackage): LoadedResource[] {
    const d = digestBytes(pkg.descriptorBytes);
    return [...pkg.resources, { name: 'datapackage', path: 'datapackage.json', format: 'JSON', mediatype: 'application/json', bytes: pkg.descriptorBytes, size: d.bytes, sha256: d.sha256 }];
  }

  async plan(pkg: LoadedPackage, previous: LedgerEntry | undefined): Promise<DatasetPlan> {
    const plan: DatasetPlan = { name: pkg.name, source: pkg.source, steps: [] };
    let licenseId: string | undefined;
    const lisensi = pkg.metadata?.lisensi;
    if (typeof lisensi === 'string' && lisensi.trim()) {
      const lic = resolveLicense(lisensi, this.licenses);
      if (!lic.ok) {
        plan.blocked = { code: 'push-license-unknown', params: { dataset: pkg.name, license: lisensi, known: lic.known.join(', ') } };
        return plan;
      }
      licenseId = lic.id;
    }
    const want = datasetDict(pkg, { organization: this.organization, scheming: this.scheming, ...(licenseId ? { licenseId } : {}), ...(this.o.config.private !== undefined ? { private: this.o.config.private } : {}) });
    if (this.scheming && this.schemingFields.length) {
      // with ckanext-scheming only the schema's own fields are sent as top-level keys
      const known = new Set(this.schemingFields.map((f) => f.field_name));
      for (const k of EXTRA_KEYS) if (!known.has(k)) delete want[k];
    }
    const missing = this.scheming ? missingRequired(want, this.schemingFields) : [];
    if (missing.length) {
      plan.blocked = { code: 'push-scheming-required', params: { dataset: pkg.name, fields: missing.join(', ') } };
      return plan;
    }
    const resources = this.resourcesOf(pkg);
    const big = resources.find((r) => r.size > this.limitBytes);
    if (big) {
      plan.blocked = { code: 'push-too-large', params: { file: `${pkg.name}/${big.path}`, size: mb(big.size), limit: mb(this.limitBytes) } };
      return plan;
    }
    let remote: CkanPackage | null;
    try {
      remote = (previous?.package_id ? await this.showOrNull(previous.package_id) : null) ?? await packageShow(this.base, pkg.name, this.opts);
      if (remote && remote.name !== pkg.name) remote = await packageShow(this.base, pkg.name, this.opts);
    } catch (err) {
      // CKAN answers 403 for another organisation's private dataset (and, to non-editors, a deleted one)
      const e = err instanceof CkanError && err.status === 403 ? new PortalError('push-name-taken', { dataset: pkg.name }) : toPortalError(err, pkg.name, this.base);
      plan.blocked = { code: e.code, params: e.params };
      return plan;
    }
    const makePublic = want.private === false;
    plan.visible = makePublic;
    if (!remote) {
      // created private, filled, made public as the last step: a failed first push never leaves an empty public dataset
      plan.steps.push({ action: 'create', target: 'dataset', name: pkg.name, data: { ...want, private: true } });
    } else {
      plan.remoteId = remote.id;
      const deleted = remote.state === 'deleted';
      if (ownedElsewhere(remote, this.organization)) {
        plan.blocked = deleted
          ? { code: 'push-dataset-deleted', params: { dataset: pkg.name, organization: String((remote.organization as { name?: string } | null)?.name ?? remote.owner_org ?? '-'), command: restoreCommand(this.base, pkg.name) } }
          : { code: 'push-name-taken', params: { dataset: pkg.name } };
        return plan;
      }
      const patch = patchFor(remote, want);
      const hiddenWhileFilled = deleted || (makePublic && remote.private === true);
      if (hiddenWhileFilled) delete patch.private;
      if (deleted) {
        // package_patch does not change state by itself: restore explicitly, private until refilled
        plan.steps.push({ action: 'restore', target: 'dataset', name: pkg.name, detail: ['state', ...Object.keys(patch)].join(', '), data: { ...patch, state: 'active', private: true } });
      } else {
        const keys = Object.keys(patch);
        plan.steps.push(keys.length ? { action: 'patch', target: 'dataset', name: pkg.name, detail: keys.join(', '), data: patch } : { action: 'skip', target: 'dataset', name: pkg.name });
      }
    }
    const byName = new Map((remote?.resources ?? []).map((r) => [r.name ?? '', r]));
    for (const r of resources) {
      const have = byName.get(r.name);
      const data: ResourceStepData = { resource: r, ...(have ? { remoteId: have.id } : {}) };
      if (!have) plan.steps.push({ action: 'upload', target: 'resource', name: r.name, detail: bytesText(r.size), data });
      else if (sameHash(have, r.sha256)) plan.steps.push({ action: 'skip', target: 'resource', name: r.name });
      else plan.steps.push({ action: 'update', target: 'resource', name: r.name, detail: bytesText(r.size), data });
    }
    if (makePublic && (!remote || remote.state === 'deleted' || remote.private === true)) plan.steps.push({ action: 'publish', target: 'dataset', name: pkg.name, detail: 'private: false' });
    return plan;
  }

  /** package_show by id, null when not found or no longer readable (the name is tried next). */
  private async showOrNull(id: string): Promise<CkanPackage | null> {
    try {
      return await packageShow(this.base, id, this.opts);
    } catch (err) {
      if (err instanceof CkanError && err.status === 403) return null;
      throw err;
    }
  }

  async apply(pkg: LoadedPackage, plan: DatasetPlan, previous: LedgerEntry | undefined): Promise<ApplyResult> {
    let writes = 0;
    const now = () => (this.o.now?.() ?? new Date()).toISOString();
    const entry: LedgerEntry = { name: pkg.name, ...(plan.remoteId ? { package_id: plan.remoteId } : {}), resources: { ...(previous?.resources ?? {}) }, pushed_at: now(), outcome: 'partial' };
    if (plan.blocked) return { name: pkg.name, outcome: 'failed', error: plan.blocked, writes };
    const writesPlanned = plan.steps.filter((s) => s.action !== 'skip').length;
    let current: LoadedResource | undefined;
    try {
      for (const step of plan.steps) {
        current = undefined;
        if (step.target === 'dataset' && step.action === 'create') {
          const created = await this.createDataset(pkg.name, step.data as Record<string, unknown>);
          entry.package_id = created.id;
          writes++;
          if (this.onProgress) await this.onProgress(entry);
        } else if (step.target === 'dataset' && (step.action === 'patch' || step.action === 'restore')) {
          const after = await packagePatch(this.base, { id: entry.package_id ?? pkg.name, ...(step.data as Record<string, unknown>) }, this.opts);
          writes++;
          // never report success on a dataset that stays deleted
          if (after.state === 'deleted') throw new PortalError('push-dataset-deleted', { dataset: pkg.name, organization: this.organization, command: restoreCommand(this.base, pkg.name) });
        } else if (step.target === 'dataset' && step.action === 'publish') {
          const after = await packagePatch(this.base, { id: entry.package_id ?? pkg.name, private: false }, this.opts);
          writes++;
          if (after.state === 'deleted') throw new PortalError('push-dataset-deleted', { dataset: pkg.name, organization: this.organization, command: restoreCommand(this.base, pkg.name) });
        } else if (step.target === 'resource' && step.action !== 'skip') {
          const d = step.data as ResourceStepData;
          current = d.resource;
          const res = step.action === 'update' && d.remoteId ? await this.updateResource(d.remoteId, d.resource) : await this.createResource(entry.package_id ?? pkg.name, d.resource);
          writes++;
          entry.resources[d.resource.name] = { name: d.resource.name, id: res.id, sha256: d.resource.sha256, pushed_at: now() };
          if (this.onProgress) await this.onProgress(entry);
        } else if (step.target === 'resource') {
          const r = this.resourcesOf(pkg).find((x) => x.name === step.name);
          if (r && entry.resources[r.name]?.sha256 !== r.sha256) entry.resources[r.name] = { name: r.name, sha256: r.sha256, pushed_at: now() };
        }
      }
    } catch (err) {
      entry.outcome = 'partial';
      if (current && err instanceof CkanError && err.status === 409 && err.fields.upload?.some((m) => /too large|terlalu besar/i.test(m))) {
        return { name: pkg.name, outcome: 'failed', entry, error: { code: 'push-server-too-large', params: { file: `${pkg.name}/${current.path}`, size: mb(current.size), limit: mb(this.limitBytes) } }, writes };
      }
      const e = toPortalError(err, pkg.name, this.base);
      return { name: pkg.name, outcome: 'failed', entry, error: { code: e.code, params: e.params }, writes };
    }
    entry.outcome = writesPlanned === 0 ? 'unchanged' : 'pushed';
    entry.public = plan.visible !== false;
    if (writesPlanned === 0 && previous) entry.pushed_at = previous.pushed_at;
    return { name: pkg.name, outcome: writesPlanned === 0 ? 'unchanged' : 'ok', entry, writes };
  }

  /** Called after every resource written (the ledger records progress, so a crash resumes). */
  onProgress?: (entry: LedgerEntry) => Promise<void>;

  private async createDataset(name: string, dict: Record<string, unknown>): Promise<CkanPackage> {
    return this.createSafely(
      () => packageCreate(this.base, dict, { ...this.opts, retry: { ...this.opts.retry, retries: 0 } }),
      async () => packageShow(this.base, name, this.opts),
    );
  }

  private async createResource(packageId: string, r: LoadedResource): Promise<CkanResource> {
    return this.createSafely(
      () => resourceCreate(this.base, this.form({ package_id: packageId }, r), { ...this.opts, retry: { ...this.opts.retry, retries: 0 } }),
      async () => {
        const p = await packageShow(this.base, packageId, this.opts);
        const found = p?.resources?.find((x) => x.name === r.name);
        if (!found) return null;
        return sameHash(found, r.sha256) ? found : this.updateResource(found.id, r);
      },
    );
  }

  private updateResource(id: string, r: LoadedResource): Promise<CkanResource> {
    return resourceUpdate(this.base, this.form({ id }, r), this.opts);
  }

  private form(ids: Record<string, string>, r: LoadedResource): FormData {
    return resourceForm(
      { ...ids, name: r.name, format: r.format.toUpperCase(), mimetype: r.mediatype, description: r.path, hash: r.sha256, size: String(r.size) },
      { name: r.path.split('/').pop()!, bytes: r.bytes, mimetype: r.mediatype },
    );
  }

  /**
   * A create is not idempotent: when its answer is lost (network error, 5xx, 429) look whether it landed
   * before trying again.
   */
  private async createSafely<T>(create: () => Promise<T>, landed: () => Promise<T | null>): Promise<T> {
    const attempts = (this.opts.retry?.retries ?? 3) + 1;
    const sleep = this.opts.retry?.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    for (let i = 0; ; i++) {
      try {
        return await create();
      } catch (err) {
        if (!retryable(err) || i + 1 >= attempts) throw err;
        await sleep(Math.round((this.opts.retry?.baseDelayMs ?? 200) * 2 ** i * (0.5 + Math.random() / 2)));
        const found = await landed();
        if (found) return found;
      }
    }
  }
}

function sameHash(r: CkanResource, sha256: string): boolean {
  const h = typeof r.hash === 'string' ? r.hash.replace(/^sha256:/, '') : '';
  return h === sha256;
}

/** How a walidata restores a deleted dataset by hand (CKAN's Action API; the token stays in the environment). */
export function restoreCommand(base: string, name: string): string {
  return `curl -X POST ${base}/api/3/action/package_patch -H "Authorization: $CKAN_TOKEN" -H "Content-Type: application/json" -d '{"id": "${name}", "state": "active"}'`;
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function bytesText(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${mb(n)} MB`;
}

export type { PlanStep };
