/**
 * Optional link check of the weekly audit (`report --check-links`): every distinct resource URL the portal
 * lists is probed with HEAD, then with a one-byte GET where a server refuses HEAD; network errors, 5xx and 429
 * are retried once through the adapters' one HTTP path (fetchRetry). No credentials are ever sent to a link.
 * A link counts as broken once it has failed in `threshold` consecutive weekly runs (the failure counts travel
 * in the snapshots), so one bad night on a server does not flag an OPD.
 */
import type { FetchLike } from '../portal/http.js';
import { fetchRetry, NetworkError, networkReason } from '../portal/http.js';
import { mapPool } from '../io/pool.js';
import type { AuditReport, BrokenLink, LinkSummary, ObservedDataset } from './model.js';

export interface LinkCheckOptions {
  fetch?: FetchLike;
  /** Links probed at once (default 8). */
  concurrency?: number;
  /** Per request (default 15 s). */
  timeoutMs?: number;
  /** Injected for tests: the wait before a retry. */
  sleep?: (ms: number) => Promise<void>;
  /** Called after each link (for a progress line). */
  onProgress?: (done: number, total: number) => void;
}

export interface Probe {
  ok: boolean;
  /** Final HTTP status; null when no answer came. */
  status: number | null;
  /** `HTTP 404`, `ECONNREFUSED`, `timeout`… (empty when ok). */
  reason: string;
}

/** Whether a URL is probed at all: absolute http(s) only. */
function probeable(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export async function probeLink(url: string, o: LinkCheckOptions = {}): Promise<Probe> {
  if (!probeable(url)) return { ok: false, status: null, reason: 'bukan tautan http(s) / not an http(s) link' };
  const retry = { retries: 1, baseDelayMs: 1000, timeoutMs: o.timeoutMs ?? 15000, ...(o.fetch ? { fetch: o.fetch } : {}), ...(o.sleep ? { sleep: o.sleep } : {}) };
  try {
    let res = await fetchRetry(url, () => ({ method: 'HEAD', redirect: 'follow' }), retry);
    await res.body?.cancel().catch(() => undefined);
    if (res.status >= 400 && res.status !== 404 && res.status !== 410) {
      // servers that refuse HEAD (405, 501, 403…): ask for one byte
      res = await fetchRetry(url, () => ({ method: 'GET', redirect: 'follow', headers: { range: 'bytes=0-0' } }), retry);
      await res.body?.cancel().catch(() => undefined);
    }
    return res.status < 400 ? { ok: true, status: res.status, reason: '' } : { ok: false, status: res.status, reason: `HTTP ${res.status}` };
  } catch (err) {
    return { ok: false, status: null, reason: err instanceof NetworkError ? err.reason : networkReason(err) };
  }
}

/** Probes every distinct link of the datasets (bounded concurrency); URL → result. */
export async function checkLinks(datasets: readonly ObservedDataset[], o: LinkCheckOptions = {}): Promise<Map<string, Probe>> {
  const urls = [...new Set(datasets.flatMap((d) => (d.links ?? []).map((l) => l.url)))];
  let done = 0;
  const probes = await mapPool(urls, o.concurrency ?? 8, async (url) => {
    const p = await probeLink(url, o);
    o.onProgress?.(++done, urls.length);
    return p;
  });
  return new Map(urls.map((u, i) => [u, probes[i]!]));
}

/**
 * This run's link summary: failing links with their consecutive failed runs (previous count + 1), the ones at
 * or over the threshold listed as broken with their item (else the portal organisation).
 */
export function summariseLinks(
  r: AuditReport,
  datasets: readonly ObservedDataset[],
  probes: Map<string, Probe>,
  previousFailures: Record<string, number> | undefined,
  threshold: number,
): LinkSummary {
  const itemOf = new Map(r.items.filter((i) => i.dataset).map((i) => [i.dataset!, i]));
  const failures: Record<string, number> = {};
  for (const [url, p] of probes) if (!p.ok) failures[url] = (previousFailures?.[url] ?? 0) + 1;
  const broken: BrokenLink[] = [];
  const listed = new Set<string>();
  for (const d of datasets) {
    const item = itemOf.get(d.name);
    for (const l of d.links ?? []) {
      const p = probes.get(l.url);
      const n = failures[l.url] ?? 0;
      if (!p || p.ok || n < threshold || listed.has(`${d.name}\n${l.url}`)) continue;
      listed.add(`${d.name}\n${l.url}`);
      broken.push({
        url: l.url, dataset: d.name, ...(l.resource ? { resource: l.resource } : {}),
        ...(item ? { item: item.id, opd: item.opd, judul: item.judul } : d.opd ? { opd: d.opd } : {}),
        status: p.status, reason: p.reason, failures: n,
      });
    }
  }
  broken.sort((a, b) => (a.opd ?? '').localeCompare(b.opd ?? '') || (a.item ?? a.dataset).localeCompare(b.item ?? b.dataset) || a.url.localeCompare(b.url));
  return { checked: probes.size, failing: Object.keys(failures).length, threshold, broken, failures };
}
