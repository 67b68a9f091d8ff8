// Scoring of a validation report against the expected findings written from an expert reading of a corpus file
// (scripts/corpus-expected/<file>.json; format and rules in docs/conformance.md). Pure functions: no I/O here
// except loadExpected, so the rules can be tested without the corpus.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Expected code → other codes the tool may print for the same statement. Kept small: only pairs that say the
 * same thing (the old per-column number codes that `number-style` replaces; a sum or formula that does not hold,
 * with or without a rule declared by a standard; an unclear standard choice).
 */
export const EQUIVALENT = {
  'number-style': ['thousand-dots', 'decimal-comma'],
  'no-standard-matched': ['standard-ambiguous'],
  'total-mismatch': ['sum-mismatch'],
  'derived-mismatch': ['sum-mismatch', 'formula-mismatch'],
  'total-ratio-mismatch': ['formula-mismatch'],
};

const PLACES = ['cell', 'row', 'col'];

/** Codes of the aggregate and hierarchy findings (issue 11): their recall is printed on its own line. */
export const AGGREGATE_CODES = new Set(['total-row', 'total-column', 'total-mismatch', 'total-ratio-mismatch', 'derived-mismatch', 'sum-mismatch', 'formula-mismatch']);

/** Reads the expected findings of one corpus file plus the findings that apply to every file (_all.json). */
export function loadExpected(dir, file) {
  const path = join(dir, `${file}.json`);
  if (!existsSync(path)) return null;
  const own = JSON.parse(readFileSync(path, 'utf8'));
  const allPath = join(dir, '_all.json');
  const all = existsSync(allPath) ? JSON.parse(readFileSync(allPath, 'utf8')).findings : [];
  return { ...own, findings: [...own.findings, ...all] };
}

/** The findings to score against: the file's own, plus the standard choice the expert made. */
export function withStandardFindings(expected) {
  const findings = expected.findings.map((f, i) => ({ ...f, id: i }));
  const extra = [];
  if (expected.standard) extra.push({ code: 'standard-matched', level: 'required', standard: [expected.standard] });
  else {
    extra.push({ code: 'no-standard-matched', level: 'acceptable' });
    if (expected.acceptStandards?.length) extra.push({ code: 'standard-matched', level: 'acceptable', standard: expected.acceptStandards });
  }
  return [...findings, ...extra.map((f, i) => ({ ...f, id: findings.length + i }))];
}

/** Splits "AB12" into { col: "AB", row: 12 }. */
export function splitCell(cell) {
  const m = /^([A-Z]+)(\d+)$/.exec(String(cell ?? '').replace(/\$/g, '').toUpperCase());
  return m ? { col: m[1], row: Number(m[2]) } : null;
}

/** The issue lines of a JSON report (schema satudata-report/1), one object per line with its place. */
export function reportLines(report) {
  const lines = [];
  report.tables.forEach((t, table) => {
    for (const i of t.issues) {
      const at = i.cell ? splitCell(i.cell) : null;
      lines.push({
        table,
        sheet: i.sheet ?? t.sheet,
        type: i.type,
        severity: i.severity,
        cell: i.cell,
        row: i.rowNumber ?? at?.row,
        col: i.columnLetter ?? at?.col,
        params: i.params,
      });
    }
  });
  return lines;
}

function placeOf(f) {
  return PLACES.find((p) => f[p] !== undefined) ?? 'file';
}

function codeFits(f, line) {
  return line.type === f.code || (EQUIVALENT[f.code] ?? []).includes(line.type);
}

function placeFits(f, line) {
  if (f.sheet !== undefined && f.sheet !== line.sheet) return false;
  if (f.standard && !f.standard.includes(line.params?.id)) return false;
  switch (placeOf(f)) {
    case 'cell': {
      const want = splitCell(f.cell);
      if (line.cell && splitCell(line.cell)?.col === want.col && splitCell(line.cell)?.row === want.row) return true;
      return line.row === want.row && line.col === want.col;
    }
    case 'row':
      return line.row === f.row;
    case 'col':
      return line.col === f.col;
    default:
      return true;
  }
}

/** Where a line sits, for telling a repeat at the same place from a new place (used by `each` findings). */
function lineKey(line) {
  return `${line.table}|${line.cell ?? ''}|${line.row ?? ''}|${line.col ?? ''}`;
}

/**
 * Matches the lines of one report to the expected findings. A finding matches a line with its code (or an
 * equivalent) at its place; it is used once per table (a workbook repeats file-level facts in each sheet's table),
 * except `each` findings, which take one line per distinct place. Required findings are tried before acceptable
 * ones. Every other line is noise.
 */
export function scoreReport(expected, report) {
  const findings = withStandardFindings(expected);
  const order = [...findings.filter((f) => f.level === 'required'), ...findings.filter((f) => f.level !== 'required')];
  const used = new Set();
  const found = new Set();
  const lines = reportLines(report);
  const matched = [];
  const noise = [];
  for (const line of lines) {
    const f = order.find((f) => {
      if (!codeFits(f, line) || !placeFits(f, line)) return false;
      const key = f.each ? `${f.id}|${lineKey(line)}` : `${f.id}|${line.table}`;
      return !used.has(key);
    });
    if (!f) {
      noise.push(line);
      continue;
    }
    used.add(f.each ? `${f.id}|${lineKey(line)}` : `${f.id}|${line.table}`);
    found.add(f.id);
    matched.push({ line, finding: f });
  }
  const required = findings.filter((f) => f.level === 'required');
  const missed = required.filter((f) => !found.has(f.id));
  const strong = (l) => l.severity === 'warning' || l.severity === 'error';
  const aggregates = required.filter((f) => AGGREGATE_CODES.has(f.code));
  return {
    required: required.length,
    requiredFound: required.length - missed.length,
    aggregates: aggregates.length,
    aggregatesFound: aggregates.filter((f) => found.has(f.id)).length,
    missed,
    lines: lines.length,
    linesRight: matched.length,
    strongLines: lines.filter(strong).length,
    strongRight: matched.filter((m) => strong(m.line)).length,
    noise,
  };
}

/** "D14", "row 9", "col D" or "file", with the sheet when there is one. */
export function describePlace(x) {
  const where = x.cell ? x.cell : x.row !== undefined && x.col === undefined ? `row ${x.row}` : x.col !== undefined && x.row === undefined ? `col ${x.col}` : x.row !== undefined ? `${x.col}${x.row}` : 'file';
  return x.sheet ? `${x.sheet}!${where}` : where;
}

export function percent(n, d) {
  return d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a';
}
