/** One fix run: plan and write the tidy file and its change log (streamed, one unit) → validate the result. */
import { refuseSameFile } from '../io/atomic.js';
import { settled, STOP_GRACE_MS, validateFile } from '../check/validate-file.js';
import { findMetadata } from '../check/metadata.js';
import { ReadError } from '../read/table.js';
import { currentLimits } from '../read/limits.js';
import type { TableReport } from '../report/issue.js';
import type { Standard } from '../standards/standard.js';
import { planFix, type FixOptions, type FixPlan } from './plan.js';

export interface FixResult {
  plan: FixPlan;
  out: string;
  changeLog: string;
  /** The tidy output validated against the standard. */
  check: TableReport;
  /** Valid output and nothing left unresolved. */
  valid: boolean;
}

export interface FixRunOptions extends FixOptions {
  /** Seconds the whole run may take (default: the per-file time limit of limits.ts, SATUDATA_TIME_LIMIT). */
  timeLimitSeconds?: number;
}

export function defaultOut(input: string): string {
  return input.replace(/\.(csv|xlsx|xls|tsv|txt|html?)$/i, '') + '.rapi.csv';
}

/**
 * Fixes `input` into `out` (and its change log). The time limit aborts the work: the readers stop at their next
 * chunk, the row loops at their next batch, the unit removes its temporaries; then a `time-limit` ReadError is
 * thrown (nothing half-written is left, nothing keeps running).
 */
export async function runFixFile(input: string, standard: Standard, out: string | undefined, opts: FixRunOptions = {}): Promise<FixResult> {
  const dest = out ?? defaultOut(input);
  refuseSameFile(input, dest);
  const seconds = opts.timeLimitSeconds ?? currentLimits().timeLimitSeconds;
  const started = performance.now();
  const abort = new AbortController();
  const timeUp = new ReadError('time-limit', { seconds });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      abort.abort(timeUp);
      reject(timeUp);
    }, seconds * 1000);
  });
  deadline.catch(() => undefined);
  const work = (async () => {
    // the producer's jurisdiction: --cakupan, else the cakupan of the metadata found beside the data (as validate reads it)
    let jurisdiction = opts.jurisdiction;
    if (jurisdiction === undefined) {
      const found = await findMetadata(input, opts.sheet !== undefined ? { sheetChosen: String(opts.sheet) } : {}).catch(() => null);
      const c = found?.metadata.cakupan;
      if (typeof c === 'string' && c.trim() !== '') jurisdiction = c.trim();
    }
    abort.signal.throwIfAborted();
    const { plan, log } = await planFix(input, standard, dest, { ...opts, ...(jurisdiction ? { jurisdiction } : {}), signal: abort.signal });
    abort.signal.throwIfAborted();
    const left = Math.max(1, seconds - (performance.now() - started) / 1000);
    const [check] = await validateFile(dest, { dataStandard: standard, maxErrors: 1000, metadata: false, timeLimitSeconds: left });
    return { plan, out: dest, changeLog: log.changeLog, check: check!, valid: check!.valid && plan.problemCount === 0 };
  })();
  work.catch(() => undefined);
  try {
    return await Promise.race([work, deadline]);
  } catch (err) {
    if (abort.signal.aborted) {
      // the work stops at its next batch; its unit then removes the temporaries
      await settled(work, STOP_GRACE_MS);
      throw timeUp;
    }
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
