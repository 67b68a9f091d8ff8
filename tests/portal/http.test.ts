import { describe, expect, it } from 'vitest';
import { fetchRetry, maskUrlCredentials, NetworkError, redact, safeUrl } from '../../src/portal/http.js';

function scripted(answers: (number | 'reset')[]) {
  const calls: string[] = [];
  const fetch = async (url: string) => {
    calls.push(url);
    const a = answers.shift() ?? 200;
    if (a === 'reset') throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    return new Response('{}', { status: a, headers: a === 429 ? { 'retry-after': '0' } : {} });
  };
  return { fetch, calls };
}

const fast = { sleep: async () => undefined, random: () => 0.5 };

describe('fetchRetry: retries only network errors, 5xx and 429', () => {
  it('retries 503, 429 and a reset, then succeeds', async () => {
    const s = scripted([503, 429, 'reset', 200]);
    const delays: number[] = [];
    const res = await fetchRetry('http://h/x', () => ({}), { ...fast, fetch: s.fetch, onRetry: (i) => delays.push(i.delayMs) });
    expect(res.status).toBe(200);
    expect(s.calls).toHaveLength(4);
    expect(delays[0]).toBeGreaterThan(0);
    expect(delays[1]).toBe(0); // Retry-After: 0 honoured
  });

  it.each([400, 401, 403, 404, 409, 413])('never retries %i', async (status) => {
    const s = scripted([status, 200]);
    const res = await fetchRetry('http://h/x', () => ({}), { ...fast, fetch: s.fetch });
    expect(res.status).toBe(status);
    expect(s.calls).toHaveLength(1);
  });

  it('a server that never answers costs two timeouts, not four: a dead portal cannot keep the user waiting', async () => {
    let calls = 0;
    const silent = (_url: string, init?: RequestInit) => {
      calls++;
      return new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    };
    const started = Date.now();
    const err = await fetchRetry('http://h/x', () => ({}), { ...fast, retries: 3, timeoutMs: 50, fetch: silent }).catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.reason).toBe('timeout');
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('gives up after the retries with a NetworkError that carries no query string', async () => {
    const s = scripted(['reset', 'reset', 'reset']);
    const err = await fetchRetry('http://h/x?token=abc', () => ({}), { ...fast, retries: 2, fetch: s.fetch }).catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).not.toContain('abc');
    expect(err.reason).toBe('ECONNRESET');
  });

  it('jitters the backoff between half and all of the exponential step', async () => {
    const delays: number[] = [];
    const s = scripted([500, 500, 500, 200]);
    await fetchRetry('http://h/x', () => ({}), { sleep: async () => undefined, random: () => 0, baseDelayMs: 100, fetch: s.fetch, onRetry: (i) => delays.push(i.delayMs) });
    expect(delays).toEqual([50, 100, 200]);
  });

  it('never lets URL credentials into a message: the error Node gives for them quotes the URL', async () => {
    expect(maskUrlCredentials('GET http://user:s3cret@127.0.0.1:9/x and https://t@h/y')).toBe('GET http://***@127.0.0.1:9/x and https://***@h/y');
    const err = await fetchRetry('http://user:s3cretpw@127.0.0.1:9/api/3/action/status_show', () => ({}), { ...fast, retries: 0 }).catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(`${err.message} ${err.reason}`).not.toContain('s3cretpw');
  });

  it('redacts secrets and strips URLs', () => {
    expect(redact('token abcdef in text', ['abcdef'])).toBe('token *** in text');
    expect(safeUrl('https://u:p@host/api/3/action/x?id=1')).toBe('https://host/api/3/action/x');
  });
});
