/** Options several commands share, declared once. */
import { Option } from 'commander';

/** `--format <format>` with the given choices (default `pretty`); `report` says it formats a validation report. */
export function formatOption(id: boolean, choices: string[] = ['pretty', 'json'], report = false): Option {
  const help = report ? (id ? 'format laporan' : 'report format') : (id ? 'format keluaran' : 'output format');
  return new Option('--format <format>', help).choices(choices).default('pretty');
}
