/** The last line of defence: an unexpected failure becomes one coded line, never a stack trace. */
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';

export function reportInternalError(err: unknown, lang: Lang): number {
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  process.stderr.write(`satudata: ${t(lang, 'cli.internal', { detail: detail.slice(0, 300) })}\n`);
  if (process.env.SATUDATA_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  return 3;
}
