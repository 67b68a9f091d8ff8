/**
 * JSON report (schema "satudata-report/1"): Frictionless-like `valid` and `stats`, one entry per table in
 * `tables`, each issue with its code (`type`, the Frictionless name where one exists), severity, rendered
 * message and hint in the chosen language, location (sheet, cell, rowNumber, fieldNumber) and params.
 */
import type { Lang } from '../i18n/lang.js';
import { columnLetter } from '../read/table.js';
import type { Issue, Report } from './issue.js';
import { renderIssue } from './render.js';

export const REPORT_SCHEMA = 'satudata-report/1';

/**
 * The JSON report in pieces whose concatenation is the document as JSON.stringify(…, null, 2) writes it: a table's
 * issues are written one by one into the pieces (about 1 MB each), so a report of a million issues, longer than
 * the longest string V8 makes (about 512 MB as text), is still written (to standard output, --output or a
 * package's validation.json).
 */
export function* formatJsonParts(report: Report, lang: Lang): Generator<string> {
  // each table's issues stand in the envelope as a text no data can hold (NUL, the run's own random number)
  const nonce = Math.random().toString(36).slice(2);
  const marker = (k: number) => `\u0000satudata-issues-${nonce}-${k}\u0000`;
  const out = {
    $schema: REPORT_SCHEMA,
    valid: report.valid,
    tool: report.tool,
    lang,
    stats: report.stats,
    tables: report.tables.map((t, k) => ({
      path: t.path,
      ...(t.sheet ? { sheet: t.sheet } : {}),
      ...(t.format ? { format: t.format } : {}),
      valid: t.valid,
      ...(t.standard ? { standard: t.standard } : {}),
      ...(t.references ? { references: t.references } : {}),
      ...(t.metadata ? { metadata: t.metadata } : {}),
      labels: t.labels,
      ...(t.layout ? { layout: t.layout } : {}),
      ...(t.columns ? { columns: t.columns } : {}),
      ...(t.interpretation ? { interpretation: t.interpretation } : {}),
      ...(t.otherSheets ? { otherSheets: t.otherSheets } : {}),
      stats: t.stats,
      ...(t.truncated ? { truncated: true } : {}),
      issues: marker(k),
    })),
  };
  const envelope = JSON.stringify(out, null, 2) + '\n';
  let at = 0;
  for (let k = 0; k < report.tables.length; k++) {
    const token = JSON.stringify(marker(k));
    const i = envelope.indexOf(token, at);
    // the "issues" line's indentation (its items one level deeper)
    const lineStart = envelope.lastIndexOf('\n', i) + 1;
    let indent = 0;
    while (envelope.charCodeAt(lineStart + indent) === 32) indent++;
    yield envelope.slice(at, i);
    yield* issuesJson(report.tables[k]!.issues, lang, indent);
    at = i + token.length;
  }
  yield envelope.slice(at);
}

/** A table's issues as JSON.stringify(…, null, 2) writes the array at this indentation, in pieces. */
function* issuesJson(issues: Issue[], lang: Lang, indent: number): Generator<string> {
  if (issues.length === 0) {
    yield '[]';
    return;
  }
  const pad = '\n' + ' '.repeat(indent + 2);
  let piece = '[';
  for (let n = 0; n < issues.length; n++) {
    piece += (n ? ',' : '') + pad + JSON.stringify(issueJson(issues[n]!, lang), null, 2).replace(/\n/g, pad);
    if (piece.length >= 1 << 20) {
      yield piece;
      piece = '';
    }
  }
  yield piece + '\n' + ' '.repeat(indent) + ']';
}

function issueJson(i: Issue, lang: Lang): Record<string, unknown> {
  const r = renderIssue(i, lang);
  return {
    type: i.code,
    severity: i.severity,
    title: r.title,
    message: r.message,
    hint: r.hint,
    ...(i.sheet ? { sheet: i.sheet } : {}),
    ...(i.cell ? { cell: i.cell } : {}),
    ...(i.row !== undefined ? { rowNumber: i.row } : {}),
    ...(i.line !== undefined ? { lineNumber: i.line } : {}),
    ...(i.col !== undefined ? { fieldNumber: i.col, columnLetter: columnLetter(i.col - 1) } : {}),
    ...(i.field !== undefined ? { fieldName: i.field } : {}),
    ...(i.value !== undefined ? { cellValue: i.value } : {}),
    ...(i.params ? { params: i.params } : {}),
  };
}
