/** CKAN and network failures → coded portal errors (catalog codes), without tokens. */
import { BodyTooLargeError, NetworkError } from '../http.js';
import { PortalError } from '../types.js';
import { CkanError, ShapeError } from './client.js';

export function toPortalError(err: unknown, dataset: string, base = '-'): PortalError {
  if (err instanceof PortalError) return err;
  if (err instanceof NetworkError) return new PortalError('push-network', { url: err.url, reason: err.reason });
  if (err instanceof BodyTooLargeError) return new PortalError('push-answer-too-large', { action: err.action, url: err.url, limit: Math.round(err.limitBytes / 1024 / 102.4) / 10 });
  if (err instanceof ShapeError) return new PortalError('push-bad-answer', { action: err.action, url: base, detail: err.detail });
  if (err instanceof CkanError && (err.ckanType === 'Not JSON' || err.ckanType === 'Not CKAN') && err.status < 400) return new PortalError('push-not-ckan', { url: base });
  if (err instanceof CkanError) {
    const fields = Object.entries(err.fields).map(([k, v]) => `${k}: ${v.join(' ')}`).join('; ');
    if (err.status === 403) return new PortalError('push-forbidden', { action: err.action, dataset, detail: err.detail || err.ckanType });
    if (err.status === 409 && err.fields.name?.some((m) => /already in use|sudah digunakan/i.test(m))) return new PortalError('push-name-taken', { dataset });
    if (err.status === 409 && err.fields.upload?.some((m) => /too large|terlalu besar/i.test(m))) return new PortalError('push-too-large', { file: dataset, size: '?', limit: '?' });
    if (err.status === 409) return new PortalError('push-conflict', { action: err.action, dataset, fields: fields || err.detail || err.ckanType });
    if (err.status === 413) return new PortalError('push-too-large', { file: dataset, size: '?', limit: '?' });
    return new PortalError('push-http', { action: err.action, status: err.status, detail: (err.detail || fields || err.ckanType).slice(0, 200) });
  }
  throw err;
}

/** A failure worth retrying for a non-idempotent create (after checking the create did not land). */
export function retryable(err: unknown): boolean {
  if (err instanceof NetworkError) return true;
  return err instanceof CkanError && (err.status === 429 || err.status >= 500);
}
