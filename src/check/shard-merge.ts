/**
 * Merging the issues of a CSV validated in two shards: a finding reported once per column with a count of its
 * cells (`bps-code`) is made by each shard for its own rows; once both are in, the lines of one column become
 * one — the first row's line, with the counts added.
 */
import type { Issue } from '../report/issue.js';

const ONCE_PER_COLUMN = new Set(['bps-code']);

interface Counted {
  issues: Issue[];
  errors: number;
  warnings: number;
  infos: number;
}

/** Joins the once-per-column lines of the same column (in place): counts added, later lines dropped. */
export function foldOncePerColumn(sink: Counted): void {
  const firstOf = new Map<string, Issue>();
  const kept: Issue[] = [];
  for (const issue of sink.issues) {
    if (!ONCE_PER_COLUMN.has(issue.code)) {
      kept.push(issue);
      continue;
    }
    const key = `${issue.code}|${issue.col ?? ''}|${issue.field ?? ''}`;
    const first = firstOf.get(key);
    if (!first) {
      firstOf.set(key, issue);
      kept.push(issue);
      continue;
    }
    const count = Number(first.params?.count ?? 1) + Number(issue.params?.count ?? 1);
    // the line stays where the column's first cell is
    if ((issue.row ?? Infinity) < (first.row ?? Infinity)) {
      for (const k of ['cell', 'row', 'line', 'value'] as const) if (issue[k] !== undefined) Object.assign(first, { [k]: issue[k] });
      first.params = { ...issue.params };
    }
    first.params = { ...first.params, count };
    if (issue.severity === 'error') sink.errors--;
    else if (issue.severity === 'warning') sink.warnings--;
    else sink.infos--;
  }
  // (not splice(0, n, ...kept): a table can keep more issues than a call takes arguments)
  sink.issues.length = 0;
  for (const issue of kept) sink.issues.push(issue);
}
