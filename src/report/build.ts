/** Assembles table reports into one Report and decides validity by the --fail-on level. */
import type { Lang } from '../i18n/lang.js';
import type { Report, Severity, TableReport } from './issue.js';

export interface BuildOptions {
  lang: Lang;
  failOn: Severity;
  version: string;
  seconds: number;
}

export function buildReport(tables: TableReport[], opts: BuildOptions): Report {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const t of tables) {
    t.valid = !t.unreadable && t.stats.errors === 0 && (opts.failOn !== 'warning' || t.stats.warnings === 0);
    errors += t.stats.errors;
    warnings += t.stats.warnings;
    infos += t.stats.infos;
  }
  return {
    valid: tables.every((t) => t.valid),
    tool: { name: 'satudata', version: opts.version },
    lang: opts.lang,
    stats: { tables: tables.length, errors, warnings, infos, seconds: Math.round(opts.seconds * 1000) / 1000 },
    tables,
  };
}

/** 0 valid, 1 invalid, 2 when a file could not be read at all. */
export function exitCode(report: Report): number {
  if (report.tables.some((t) => t.unreadable)) return 2;
  return report.valid ? 0 : 1;
}
