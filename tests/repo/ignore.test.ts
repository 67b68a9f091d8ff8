import { describe, expect, it } from 'vitest';
import { globMatcher, IgnoreList } from '../../src/repo/ignore.js';

describe('.gitignore-style matcher', () => {
  const list = IgnoreList.fromText(['# comment', '', '*.bak', 'tmp/', '/root-only.csv', 'data/**/draft-*.csv', '!data/keep/draft-ok.csv', 'a?c.csv', 'x[0-9].csv', '\\#hash.csv', 'docs/**'].join('\n'));
  const t = (p: string, dir = false) => list.test(p, dir) === true;

  it('names without a slash match at any depth', () => {
    expect(t('a.bak')).toBe(true);
    expect(t('deep/er/a.bak')).toBe(true);
    expect(t('a.bak.csv')).toBe(false);
  });
  it('a trailing slash matches folders only', () => {
    expect(t('tmp', true)).toBe(true);
    expect(t('x/tmp', true)).toBe(true);
    expect(t('tmp', false)).toBe(false);
  });
  it('a leading slash anchors to the root', () => {
    expect(t('root-only.csv')).toBe(true);
    expect(t('sub/root-only.csv')).toBe(false);
  });
  it('** crosses folders, * and ? do not, classes work, negation re-includes', () => {
    expect(t('data/draft-1.csv')).toBe(true);
    expect(t('data/a/b/draft-1.csv')).toBe(true);
    expect(t('data/keep/draft-ok.csv')).toBe(false);
    expect(t('abc.csv')).toBe(true);
    expect(t('a/c.csv')).toBe(false);
    expect(t('x7.csv')).toBe(true);
    expect(t('xa.csv')).toBe(false);
    expect(t('#hash.csv')).toBe(true);
    expect(t('docs/a/b.csv')).toBe(true);
    expect(list.test('other.csv', false)).toBeUndefined();
  });
  it('config globs', () => {
    const m = globMatcher('data/penduduk/**/*.csv');
    expect(m('data/penduduk/2024/a.csv')).toBe(true);
    expect(m('data/penduduk/a.csv')).toBe(true);
    expect(m('data/penduduk/a.xlsx')).toBe(false);
    expect(m('x/data/penduduk/a.csv')).toBe(false);
    expect(globMatcher('*.xlsx')('a/b/c.xlsx')).toBe(true);
  });
});
