/** A configured portal → its adapter. */
import type { ResolvedPortal } from '../config/config.js';
import type { Lang } from '../i18n/lang.js';
import { CkanPortal } from './ckan/adapter.js';
import type { FetchLike, RetryOptions } from './http.js';
import { ManualPortal } from './manual/adapter.js';
import { SipdPortal } from './sipd/adapter.js';
import type { Portal } from './types.js';

export interface OpenPortalOptions {
  lang: Lang;
  fetch?: FetchLike;
  retry?: Omit<RetryOptions, 'fetch'>;
}

export function openPortal(p: ResolvedPortal, o: OpenPortalOptions): Portal {
  const common = { name: p.name, config: p, ...(p.token ? { token: p.token } : {}), ...(o.fetch ? { fetch: o.fetch } : {}), ...(o.retry ? { retry: o.retry } : {}) };
  switch (p.kind) {
    case 'ckan':
      return new CkanPortal(common);
    case 'sipd':
      return new SipdPortal(common);
    case 'manual':
      return new ManualPortal({ name: p.name, config: p, lang: o.lang });
  }
}
