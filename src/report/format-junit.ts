/**
 * JUnit XML for GitLab (artifacts:reports:junit) and Jenkins: one <testsuite> per file, one <testcase> per
 * table (a CSV or one sheet), one <failure> per error (and per warning with --fail-on warning; other
 * warnings go to <system-out>). Unreadable files are <error>. Everything user-written is XML-escaped.
 */
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import type { Issue, Report, Severity, TableReport } from './issue.js';
import { location, renderIssue } from './render.js';

export interface JunitOptions {
  lang: Lang;
  failOn: Severity;
}

/** Escapes text for XML 1.0 content and attributes; drops characters XML 1.0 cannot carry. */
export function xmlEscape(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function formatJunit(report: Report, opts: JunitOptions): string {
  const byFile = new Map<string, TableReport[]>();
  for (const table of report.tables) {
    const list = byFile.get(table.path) ?? [];
    list.push(table);
    byFile.set(table.path, list);
  }
  const failing = (i: Issue) => i.severity === 'error' || (opts.failOn === 'warning' && i.severity === 'warning');
  let failures = 0;
  let errors = 0;
  const suites: string[] = [];
  for (const [path, tables] of byFile) {
    let sFailures = 0;
    let sErrors = 0;
    let seconds = 0;
    const cases: string[] = [];
    for (const table of tables) {
      seconds += table.stats.seconds;
      const name = table.sheet ? `${path} › ${table.sheet}` : path;
      const body: string[] = [];
      const other: string[] = [];
      for (const issue of table.issues) {
        const r = renderIssue(issue, opts.lang);
        const where = location({ ...issue, sheet: issue.sheet ?? table.sheet });
        const text = `${where ? where + ': ' : ''}${r.message}${r.hint ? `\n${t(opts.lang, 'label.hint')}: ${r.hint}` : ''}`;
        if (table.unreadable && issue.severity === 'error') {
          sErrors++;
          body.push(`      <error type="${xmlEscape(issue.code)}" message="${xmlEscape(`${r.title}: ${r.message}`)}">${xmlEscape(text)}</error>`);
        } else if (failing(issue)) {
          sFailures++;
          body.push(`      <failure type="${xmlEscape(issue.code)}" message="${xmlEscape(`${where ? where + ' ' : ''}${r.title}: ${r.message}`)}">${xmlEscape(text)}</failure>`);
        } else {
          other.push(`[${issue.severity}] [${issue.code}] ${text}`);
        }
      }
      if (other.length) body.push(`      <system-out>${xmlEscape(other.join('\n'))}</system-out>`);
      const attrs = `classname="${xmlEscape(path)}" name="${xmlEscape(name)}" time="${table.stats.seconds.toFixed(3)}"`;
      cases.push(body.length ? `    <testcase ${attrs}>\n${body.join('\n')}\n    </testcase>` : `    <testcase ${attrs}/>`);
    }
    failures += sFailures;
    errors += sErrors;
    suites.push(
      `  <testsuite name="${xmlEscape(path)}" tests="${tables.length}" failures="${sFailures}" errors="${sErrors}" skipped="0" time="${seconds.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const head = `<testsuites name="satudata" tests="${report.tables.length}" failures="${failures}" errors="${errors}" time="${report.stats.seconds.toFixed(3)}">`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}\n${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`;
}
