/**
 * The catalog standard a data file clearly fits — the same choice `validate` makes without `--standard` — for
 * `init` (which offers it first) and `fix` (which uses it and says so), or undefined.
 */
import { openSource, type OpenOptions } from '../read/open.js';
import { detectLayout } from '../read/layout.js';
import type { Standard } from '../standards/standard.js';
import { prepare } from './facts.js';
import { selectStandard } from './choose.js';

export async function standardForFile(path: string, standards: Standard[], open: OpenOptions = {}): Promise<Standard | undefined> {
  let source;
  try {
    source = await openSource(path, open);
    const { layout, sample } = await detectLayout(source);
    if (layout.noHeader) return undefined;
    return selectStandard(prepare(layout, sample, source.info), standards).chosen?.standard;
  } catch {
    return undefined; // an unreadable file is reported by validate, not by the wizard's suggestion
  } finally {
    await source?.close().catch(() => undefined);
  }
}
