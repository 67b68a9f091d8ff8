/**
 * Data named as a stream on the command line (`-`, /dev/stdin, a FIFO), for validate and fix alike: copied to a
 * temporary file by read/spool.ts, or one coded line and EXIT_USAGE (nothing piped into a terminal, a file-system
 * error, a stream over the size limit).
 */
import type { Lang } from '../i18n/lang.js';
import { spool, type Spooled } from '../read/spool.js';
import { EXIT_USAGE } from './context.js';
import { printCoded, usageError } from './coded.js';

/** The copy of the stream `arg` (the caller removes it), or the exit code after the coded line. */
export async function spoolArgument(arg: string, lang: Lang): Promise<Spooled | number> {
  if (arg === '-' && process.stdin.isTTY) return usageError(lang, 'cli.stdin-tty');
  let copy: Spooled;
  try {
    copy = await spool(arg);
  } catch (err) {
    const { fsReason } = await import('../io/fs-reason.js');
    printCoded(lang, 'source-error', { path: arg, reason: fsReason(err) });
    return EXIT_USAGE;
  }
  if (copy.over) {
    await copy.remove();
    printCoded(lang, 'source-error', { path: arg, reason: `@reason.stream-too-large:${copy.limit / (1 << 20)}` });
    return EXIT_USAGE;
  }
  return copy;
}
