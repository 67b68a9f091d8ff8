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
    uncount(sink, issue);
  }
  replaceIssues(sink, kept);
}

/** Takes a dropped issue out of the sink's counts. */
function uncount(sink: Counted, issue: Issue): void {
  if (issue.severity === 'error') sink.errors--;
  else if (issue.severity === 'warning') sink.warnings--;
  else sink.infos--;
}

/** The sink's issues become `kept` (not splice(0, n, ...kept): a table can keep more issues than a call takes arguments). */
function replaceIssues(sink: Counted, kept: Issue[]): void {
  sink.issues.length = 0;
  for (const issue of kept) sink.issues.push(issue);
}

/**
 * Joins the blank rows reported at the end of the first shard (its last row `lastOfFirst`) and at the start of
 * the second when they are one run (the split fell inside it): a run whose first and last rows are `range` or more
 * apart is one `blank-row` naming the range, as a single pass reports it; shorter runs stay one line per row.
 */
export function joinBlankRuns(sink: Counted, range: number, lastOfFirst: number): void {
  const spanOf = (i: Issue): [number, number] => {
    const m = /^(\d+)–(\d+)$/.exec(String(i.params?.row ?? ''));
    return m ? [Number(m[1]), Number(m[2])] : [i.row ?? 0, i.row ?? 0];
  };
  const blanks = sink.issues.filter((i) => i.code === 'blank-row' && i.row !== undefined).sort((a, b) => a.row! - b.row!);
  const drop = new Set<Issue>();
  for (let k = 0; k < blanks.length; ) {
    // the issues whose rows follow on from each other
    let end = k;
    let [from, to] = spanOf(blanks[k]!);
    while (end + 1 < blanks.length && spanOf(blanks[end + 1]!)[0] === to + 1) to = spanOf(blanks[++end]!)[1];
    // (only the run the split cut: other runs were whole in one shard and reported as a single pass does)
    if (end > k && to - from >= range && from <= lastOfFirst && to > lastOfFirst) {
      const first = blanks[k]!;
      first.params = { ...first.params, row: `${from}–${to}` };
      for (let j = k + 1; j <= end; j++) {
        drop.add(blanks[j]!);
        uncount(sink, blanks[j]!);
      }
    }
    k = end + 1;
  }
  if (drop.size) replaceIssues(sink, sink.issues.filter((i) => !drop.has(i)));
}
