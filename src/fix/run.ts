/** One fix run: plan → write the tidy file and its change log → validate the result against the standard. */
import { refuseSameFile } from '../io/atomic.js';
import { validateFile } from '../check/validate-file.js';
import { findMetadata } from '../check/metadata.js';
import type { TableReport } from '../report/issue.js';
import type { Standard } from '../standards/standard.js';
import { planFix, type FixOptions, type FixPlan } from './plan.js';
import { writeFixOutputs } from './write.js';

export interface FixResult {
  plan: FixPlan;
  out: string;
  changeLog: string;
  /** The tidy output validated against the standard. */
  check: TableReport;
  /** Valid output and nothing left unresolved. */
  valid: boolean;
}

export function defaultOut(input: string): string {
  return input.replace(/\.(csv|xlsx|xls|tsv|txt|html?)$/i, '') + '.rapi.csv';
}

export async function runFixFile(input: string, standard: Standard, out: string | undefined, opts: FixOptions = {}): Promise<FixResult> {
  const dest = out ?? defaultOut(input);
  refuseSameFile(input, dest);
  // the producer's jurisdiction: --cakupan, else the cakupan of the metadata found beside the data (as validate reads it)
  let jurisdiction = opts.jurisdiction;
  if (jurisdiction === undefined) {
    const found = await findMetadata(input, opts.sheet !== undefined ? { sheetChosen: String(opts.sheet) } : {}).catch(() => null);
    const c = found?.metadata.cakupan;
    if (typeof c === 'string' && c.trim() !== '') jurisdiction = c.trim();
  }
  const plan = await planFix(input, standard, { ...opts, ...(jurisdiction ? { jurisdiction } : {}) });
  const { changeLog: log } = await writeFixOutputs(dest, plan.fields, plan.rows, plan.changes);
  const [check] = await validateFile(dest, { dataStandard: standard, maxErrors: 1000, metadata: false });
  return { plan, out: dest, changeLog: log, check: check!, valid: check!.valid && plan.problems.length === 0 };
}
