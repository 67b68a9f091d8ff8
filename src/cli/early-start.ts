/**
 * Work started by bin/satudata.js before the command line's modules load (~50 ms on 2 cores): for
 * `satudata validate big.csv`, the second thread of a split CSV (its runtime and modules take ~0.3 s, the
 * longest serial part of a split run). A guess from the raw arguments, made again by the command's action once
 * commander has parsed them: a wrong one costs a worker the validator stops, never a result.
 */
const COMMANDS = new Set(['validate', 'periksa']);

/** The one file of `validate <file>` when the arguments name exactly one .csv, else null. */
export function oneCsvToValidate(args: readonly string[]): string | null {
  // the command: the first word that is not an option or the value of --lang (the one global option with a value)
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-')) i += args[i] === '--lang' ? 2 : 1;
  if (!COMMANDS.has(args[i] ?? '')) return null;
  const csv = args.slice(i + 1).filter((a) => !a.startsWith('-') && /\.csv$/i.test(a));
  return csv.length === 1 ? csv[0]! : null;
}

/** Starts the worker when the arguments name one CSV to validate (the worker's module loads only then). */
export async function startEarly(args: readonly string[]): Promise<void> {
  const file = oneCsvToValidate(args);
  if (file !== null) (await import('../check/shard-start.js')).prestartShardWorker(file);
}
