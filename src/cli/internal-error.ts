/**
 * The last line of defence. A file-system failure (an output that cannot be written, a path that vanished) is
 * the user's to fix: one coded line and exit 2. Anything else is a bug: one coded line, exit 3, never a stack
 * trace (SATUDATA_DEBUG=1 shows it).
 */
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import { OutputError } from '../io/atomic.js';
import { ReadError } from '../read/table.js';
import { fsReason, isFsError } from '../io/fs-reason.js';
import { printCoded } from './coded.js';
import { EXIT_USAGE } from './context.js';

export function reportInternalError(err: unknown, lang: Lang): number {
  if (err instanceof ReadError) {
    // a reader's coded verdict on the user's file, wherever it surfaced
    printCoded(lang, err.code, err.params);
    return EXIT_USAGE;
  }
  if (err instanceof OutputError) {
    printCoded(lang, 'output-error', { path: err.path, reason: err.reason });
    return EXIT_USAGE;
  }
  if (isFsError(err)) {
    const writing = ['mkdir', 'rename', 'write', 'unlink', 'rmdir', 'symlink'].includes(err.syscall!);
    printCoded(lang, writing ? 'output-error' : 'io-error', { path: err.path ?? (err as { dest?: string }).dest ?? '', reason: fsReason(err) });
    return EXIT_USAGE;
  }
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  process.stderr.write(`satudata: [internal-error] ${t(lang, 'cli.internal', { detail: detail.slice(0, 300) })}\n`);
  if (process.env.SATUDATA_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  return 3;
}
