import { describe, expect, it } from 'vitest';
import { formatJunit, xmlEscape } from '../../src/report/format-junit.js';
import { sampleReport } from './format-ci.fixture.js';

describe('formatJunit', () => {
  it('escapes XML and drops characters XML 1.0 cannot hold', () => {
    expect(xmlEscape(`<a href="x">&'\u0001\u0000ok`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;ok');
  });

  it('one suite per file, one testcase per table, failures per error, error for unreadable files', () => {
    const xml = formatJunit(sampleReport(), { lang: 'en', failOn: 'error' });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="satudata" tests="3" failures="2" errors="1"')).toBe(true);
    expect((xml.match(/<testsuite /g) ?? []).length).toBe(3);
    expect((xml.match(/<testcase /g) ?? []).length).toBe(3);
    expect(xml).toContain('name="data/rekap.xlsx › Data Lama"');
    expect(xml).toContain('<error type="source-error"');
    expect(xml).toContain('&lt;b&gt;&amp;&quot;x&quot;');
    expect(xml).not.toMatch(/<b>/);
    // the warning is not a failure by default, but is with --fail-on warning
    expect(xml).toContain('<system-out>[warning] [blank-row]');
    expect(formatJunit(sampleReport(), { lang: 'en', failOn: 'warning' })).toMatch(/failures="3" errors="1"/);
  });

  it('is well-formed: tags balance', () => {
    const xml = formatJunit(sampleReport(), { lang: 'id', failOn: 'error' });
    const open = (xml.match(/<(testsuites|testsuite|testcase|failure|error|system-out)[\s>]/g) ?? []).length;
    const selfClosed = (xml.match(/<testcase [^>]*\/>/g) ?? []).length;
    const close = (xml.match(/<\/(testsuites|testsuite|testcase|failure|error|system-out)>/g) ?? []).length;
    expect(open - selfClosed).toBe(close);
  });

  it('an empty report is still valid XML', () => {
    const r = sampleReport();
    r.tables = [];
    expect(formatJunit(r, { lang: 'en', failOn: 'error' })).toMatch(/<testsuites [^>]*>\n<\/testsuites>\n$/);
  });
});
