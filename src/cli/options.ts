/** Options several commands share, declared once. */
import { Option } from 'commander';

/** `--format <format>` with the given choices (default `pretty`); `report` says it formats a validation report. */
export function formatOption(id: boolean, choices: string[] = ['pretty', 'json'], report = false): Option {
  const help = report ? (id ? 'format laporan' : 'report format') : (id ? 'format keluaran' : 'output format');
  return new Option('--format <format>', help).choices(choices).default('pretty');
}

/** `--sheet`: a 1-based number or a sheet name (`all` is a name here). */
export function sheetArg(value: string | undefined): string | number | undefined {
  return value === undefined ? undefined : /^\d+$/.test(value) ? Number(value) : value;
}
