/**
 * The one HTTP path of every portal adapter: Node's global fetch (undici) with a timeout, and retries with
 * jittered exponential backoff on network errors, 5xx and 429 only — never on other 4xx. Secrets never
 * appear in errors: messages carry the method, the URL without query string, and the status.
 */

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface RetryOptions {
  /** Attempts after the first (default 3). */
  retries?: number;
  /** First backoff in ms (default 200); doubles each time, with full jitter. */
  baseDelayMs?: number;
  /** Longest single wait in ms (default 5000). */
  maxDelayMs?: number;
  /** Per-attempt timeout in ms (default 30000). */
  timeoutMs?: number;
  /** Attempts after a timed-out one (default 1): a server that does not answer in time rarely does on the
   *  third try, and a user must not wait minutes for a dead portal. */
  timeoutRetries?: number;
  fetch?: FetchLike;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Called before each retry (for logs and tests; never receives headers). */
  onRetry?: (info: { attempt: number; reason: string; delayMs: number }) => void;
}

/** A request failed without an HTTP answer (connection refused or reset, DNS, timeout). */
export class NetworkError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`${url}: ${reason}`);
    this.name = 'NetworkError';
  }
}

/** Whether an HTTP status may be retried. */
export function retryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** The URL without query string or credentials, safe for messages. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(url)';
  }
}

/** Hides the user name and password of every URL in a text (`http://u:pw@host` → `http://***@host`). */
export function maskUrlCredentials(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1***@');
}

/** Replaces every secret in a text by `***` (a safety net: messages are built without secrets anyway). */
export function redact(text: string, secrets: (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('***');
  return out;
}

const sleepReal = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Fetches with retries. `init` is a factory so that a body (a stream, FormData) is rebuilt for each attempt.
 * Resolves to the last Response (any status); rejects with NetworkError when no answer came after the retries.
 */
export async function fetchRetry(url: string, init: () => RequestInit, opts: RetryOptions = {}): Promise<Response> {
  const retries = opts.retries ?? 3;
  const base = opts.baseDelayMs ?? 200;
  const max = opts.maxDelayMs ?? 5000;
  const doFetch = opts.fetch ?? ((i: string, r?: RequestInit) => fetch(i, r));
  const sleep = opts.sleep ?? sleepReal;
  const random = opts.random ?? Math.random;
  let timeouts = 0;
  for (let attempt = 0; ; attempt++) {
    let reason: string;
    let retryAfterMs: number | undefined;
    try {
      const signal = AbortSignal.timeout(opts.timeoutMs ?? 30000);
      const res = await doFetch(url, { ...init(), signal });
      if (!retryableStatus(res.status) || attempt >= retries) return res;
      reason = `HTTP ${res.status}`;
      retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
      await res.body?.cancel().catch(() => undefined);
    } catch (err) {
      reason = networkReason(err);
      if (reason === 'timeout') timeouts++;
      if (attempt >= retries || timeouts > (opts.timeoutRetries ?? 1)) throw new NetworkError(safeUrl(url), reason);
    }
    const backoff = Math.min(max, base * 2 ** attempt);
    const delayMs = Math.round(retryAfterMs !== undefined ? Math.min(max, retryAfterMs) : backoff / 2 + random() * (backoff / 2));
    opts.onRetry?.({ attempt: attempt + 1, reason, delayMs });
    await sleep(delayMs);
  }
}

function parseRetryAfter(v: string | null): number | undefined {
  if (!v) return undefined;
  const s = Number(v);
  return Number.isFinite(s) && s >= 0 ? s * 1000 : undefined;
}

/** A short cause for a failed fetch: ECONNRESET, ECONNREFUSED, timeout… (never headers or bodies). */
export function networkReason(err: unknown): string {
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timeout';
  return maskUrlCredentials(e?.cause?.code ?? e?.code ?? e?.cause?.message ?? e?.message ?? 'network error');
}

// ── bounded answers (issue 13: every portal body is read through a byte limit and a time limit) ──────────

/** Largest JSON answer read from a portal (64 MB; `SATUDATA_HTTP_MAX_MB` overrides). */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
/** Longest time to read one answer body (60 s; `SATUDATA_HTTP_BODY_TIMEOUT_MS` overrides). */
export const DEFAULT_BODY_TIMEOUT_MS = 60_000;

/** An answer body over the byte limit: reading stopped there. */
export class BodyTooLargeError extends Error {
  /** The portal action whose answer it was (set by the caller). */
  action = '-';
  constructor(
    readonly url: string,
    readonly limitBytes: number,
  ) {
    super(`${url}: answer over ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

export interface BodyLimits {
  maxBytes?: number;
  timeoutMs?: number;
}

/** The limits in force: explicit ones, else the environment, else the defaults. */
export function bodyLimits(o: BodyLimits = {}, env: NodeJS.ProcessEnv = process.env): Required<BodyLimits> {
  const mb = Number(env.SATUDATA_HTTP_MAX_MB);
  const ms = Number(env.SATUDATA_HTTP_BODY_TIMEOUT_MS);
  return {
    maxBytes: o.maxBytes ?? (Number.isFinite(mb) && mb > 0 ? Math.round(mb * 1024 * 1024) : DEFAULT_MAX_BODY_BYTES),
    timeoutMs: o.timeoutMs ?? (Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_BODY_TIMEOUT_MS),
  };
}

/**
 * Reads a response body as UTF-8 text, at most `maxBytes` (a Content-Length over the limit is refused before
 * reading) and within `timeoutMs` in total. Rejects with BodyTooLargeError, or NetworkError (`timeout`, or the
 * connection's failure) — never with an untyped error, never after buffering more than the limit.
 */
export async function readBodyLimited(res: Response, url: string, limits: BodyLimits = {}): Promise<string> {
  const { maxBytes, timeoutMs } = bodyLimits(limits);
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(safeUrl(url), maxBytes);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((r) => { timer = setTimeout(() => r('timeout'), timeoutMs); });
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), deadline]);
      if (next === 'timeout') throw new NetworkError(safeUrl(url), 'timeout');
      if (next.done) break;
      size += next.value.byteLength;
      if (size > maxBytes) throw new BodyTooLargeError(safeUrl(url), maxBytes);
      chunks.push(next.value);
    }
  } catch (err) {
    reader.cancel().catch(() => undefined);
    if (err instanceof BodyTooLargeError || err instanceof NetworkError) throw err;
    throw new NetworkError(safeUrl(url), networkReason(err));
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
