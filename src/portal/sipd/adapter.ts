/**
 * SIPD e-Walidata (Kemendagri DSSD) adapter. The API shapes are known only from public walidata
 * applications, not from official documentation — (unverified), kept small and pinned by contract tests:
 * - `GET {base}/get_ref_dssd?kodepemda=` with `Authorization: Bearer <token>` (identify: 401/403 = token refused);
 * - `GET {base}/get_dssd?kodepemda=&tahun=` → rows with `kodeindikator`, `tahun`, `data` (plan: skip equal values);
 * - `POST {base}/push_dssd` body `{"data": [{kodeindikator, kodepemda, tahun, data}]}` (apply, changed values only).
 */
import type { LoadedPackage } from '../../package/load.js';
import { BodyTooLargeError, fetchRetry, readBodyLimited, safeUrl, NetworkError } from '../http.js';
import type { LedgerEntry } from '../ledger.js';
import { PortalError, type ApplyResult, type DatasetPlan, type Identity, type Portal, type PortalAdapterOptions } from '../types.js';
import { aggregateCsv, kodepemdaOf, type DssdItem } from './aggregate.js';

export class SipdPortal implements Portal {
  readonly name: string;
  private readonly base: string;

  constructor(private readonly o: PortalAdapterOptions) {
    this.name = o.name;
    this.base = (o.config.url ?? 'https://sipd.go.id/ewalidata/serv').replace(/\/+$/, '');
  }

  private async call(path: string, body?: unknown): Promise<unknown> {
    const url = `${this.base}/${path}`;
    let res: Response;
    try {
      res = await fetchRetry(url, () => ({
        method: body === undefined ? 'GET' : 'POST',
        headers: { accept: 'application/json', authorization: `Bearer ${this.o.token ?? ''}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }), { ...this.o.retry, ...(this.o.fetch ? { fetch: this.o.fetch } : {}) });
    } catch (err) {
      if (err instanceof NetworkError) throw new PortalError('push-network', { url: err.url, reason: err.reason });
      throw err;
    }
    let text: string;
    try {
      text = await readBodyLimited(res, url, this.o.limits);
    } catch (err) {
      if (err instanceof NetworkError) throw new PortalError('push-network', { url: err.url, reason: err.reason });
      if (err instanceof BodyTooLargeError) throw new PortalError('push-answer-too-large', { action: path.split('?')[0]!, url: err.url, limit: Math.round(err.limitBytes / 1024 / 102.4) / 10 });
      throw err;
    }
    if (res.status === 401 || res.status === 403) throw new PortalError('push-auth', { portal: this.name, url: safeUrl(url) });
    if (!res.ok) throw new PortalError('push-http', { action: path.split('?')[0]!, status: res.status, detail: text.slice(0, 120).replace(this.o.token || '\u0000', '***') });
    try {
      return JSON.parse(text);
    } catch {
      throw new PortalError('push-http', { action: path.split('?')[0]!, status: res.status, detail: 'not JSON' });
    }
  }

  private kodepemda(pkg?: LoadedPackage): string {
    return this.o.config.kodepemda ?? (pkg?.metadata?.cakupan ? kodepemdaOf(pkg.metadata.cakupan) : '');
  }

  async identify(): Promise<Identity> {
    if (!this.o.token) throw new PortalError('push-no-token', { portal: this.name, env: `SATUDATA_PORTAL_${this.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_TOKEN` });
    const kp = this.kodepemda();
    const ref = await this.call(`get_ref_dssd?kodepemda=${encodeURIComponent(kp)}`);
    rowsOf('get_ref_dssd', ref, safeUrl(`${this.base}/get_ref_dssd`));
    return { user: '-', organization: kp ? `kodepemda ${kp}` : '-', portal: 'SIPD e-Walidata (unverified API)', notes: [] };
  }

  async plan(pkg: LoadedPackage): Promise<DatasetPlan> {
    const plan: DatasetPlan = { name: pkg.name, source: pkg.source, steps: [] };
    const kodeindikator = pkg.metadata?.kode_indikator;
    const kodepemda = this.kodepemda(pkg);
    const data = pkg.resources.find((r) => r.name === 'data');
    if (!kodeindikator || !kodepemda || !data) {
      plan.blocked = { code: 'push-sipd-mapping', params: { dataset: pkg.name, detail: !kodeindikator ? 'kode_indikator' : !kodepemda ? 'kodepemda / cakupan' : 'data' } };
      return plan;
    }
    let items: DssdItem[];
    try {
      items = aggregateCsv(Buffer.from(data.bytes).toString('utf8'), {
        kodeindikator, kodepemda,
        valueField: String(this.o.config.valueField ?? 'jumlah'),
        yearField: String(this.o.config.yearField ?? 'tahun'),
        aggregate: this.o.config.aggregate === 'single' ? 'single' : 'sum',
      });
    } catch (err) {
      plan.blocked = { code: 'push-sipd-mapping', params: { dataset: pkg.name, detail: (err as Error).message } };
      return plan;
    }
    for (const item of items) {
      const remote = await this.call(`get_dssd?kodepemda=${encodeURIComponent(kodepemda)}&tahun=${item.tahun}`);
      const rows = rowsOf('get_dssd', remote, safeUrl(`${this.base}/get_dssd`));
      const have = rows.find((r) => String(r.kodeindikator) === kodeindikator);
      const same = have !== undefined && Number(have.data) === Number(item.data);
      plan.steps.push(same
        ? { action: 'skip', target: 'value', name: `${kodeindikator}/${kodepemda}/${item.tahun}` }
        : { action: have ? 'update' : 'create', target: 'value', name: `${kodeindikator}/${kodepemda}/${item.tahun}`, detail: item.data, data: item });
    }
    return plan;
  }

  async apply(pkg: LoadedPackage, plan: DatasetPlan): Promise<ApplyResult> {
    if (plan.blocked) return { name: pkg.name, outcome: 'failed', error: plan.blocked, writes: 0 };
    const items = plan.steps.filter((s) => s.action !== 'skip').map((s) => s.data as DssdItem);
    const now = (this.o.now?.() ?? new Date()).toISOString();
    const entry: LedgerEntry = { name: pkg.name, resources: {}, pushed_at: now, outcome: items.length ? 'pushed' : 'unchanged' };
    for (const s of plan.steps) entry.resources[s.name] = { name: s.name, sha256: String((s.data as DssdItem | undefined)?.data ?? s.detail ?? ''), pushed_at: now };
    if (!items.length) return { name: pkg.name, outcome: 'unchanged', entry, writes: 0 };
    try {
      await this.call('push_dssd', { data: items });
    } catch (err) {
      if (err instanceof PortalError) return { name: pkg.name, outcome: 'failed', error: { code: err.code, params: err.params }, writes: 1 };
      throw err;
    }
    return { name: pkg.name, outcome: 'ok', entry, writes: 1 };
  }
}

/**
 * The rows of a get_dssd / get_ref_dssd answer: a JSON array of objects (rfebriaann/istanadata
 * app/Http/Controllers/DataApi.php reads both as arrays), or `{data: [...]}` (oneew/satudatapali accepts
 * both; unverified). Anything else is `push-bad-answer`, never a crash.
 */
export function rowsOf(action: string, v: unknown, url: string): { kodeindikator?: string; tahun?: unknown; data?: unknown }[] {
  const list = Array.isArray(v) ? v : v && typeof v === 'object' && Array.isArray((v as { data?: unknown }).data) ? (v as { data: unknown[] }).data : null;
  if (!list) throw new PortalError('push-bad-answer', { action, url, detail: 'not a list of rows' });
  return list.map((r, i) => {
    if (!r || typeof r !== 'object' || Array.isArray(r)) throw new PortalError('push-bad-answer', { action, url, detail: `row ${i + 1} is not an object` });
    const row = r as Record<string, unknown>;
    return { ...(row.kodeindikator !== undefined ? { kodeindikator: String(row.kodeindikator) } : {}), tahun: row.tahun, data: row.data };
  });
}
