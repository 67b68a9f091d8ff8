import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOG } from '../../src/report/catalog.js';
import { UI } from '../../src/i18n/ui.js';
import { renderIssue } from '../../src/report/render.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('issue catalog', () => {
  it('has an Indonesian and an English title, message and hint for every code', () => {
    for (const [code, e] of Object.entries(CATALOG)) {
      for (const lang of ['id', 'en'] as const) {
        expect(e[lang].title, `${code}.${lang}.title`).not.toBe('');
        expect(e[lang].message, `${code}.${lang}.message`).not.toBe('');
        expect(e[lang].hint, `${code}.${lang}.hint`).not.toBe('');
      }
      expect(['error', 'warning', 'info']).toContain(e.severity);
    }
  });

  it('knows every code the source emits', () => {
    const used = new Set<string>();
    for (const file of sources(join(root, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:sink\.add|new ReadError|code:)\(?\s*'([a-z0-9-]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(30);
    for (const code of used) expect(CATALOG, code).toHaveProperty([code]);
  });

  it('documents every code in the README or a docs/ page', () => {
    const docs = join(root, 'docs');
    const pages = statSync(docs, { throwIfNoEntry: false })?.isDirectory() ? readdirSync(docs).filter((n) => n.endsWith('.md')).map((n) => readFileSync(join(docs, n), 'utf8')) : [];
    const readme = [readFileSync(join(root, 'README.md'), 'utf8'), ...pages].join('\n');
    for (const code of Object.keys(CATALOG)) expect(readme, code).toContain(`| \`${code}\` |`);
  });

  it('resolves every @phrase the source references', () => {
    for (const file of sources(join(root, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/'@([a-z][\w.-]*)[:']/g)) {
        const key = m[1]!;
        if (key.endsWith('.')) continue; // a prefix completed at run time (checked below)
        expect(UI, `${file}: @${key}`).toHaveProperty([key]);
      }
    }
    for (const t of ['string', 'integer', 'number', 'boolean', 'date', 'datetime', 'time', 'year', 'yearmonth', 'any']) {
      expect(UI).toHaveProperty([`type.${t}`]);
      expect(UI).toHaveProperty([`hint.t.${t}`]);
    }
    for (const c of ['required', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'enum']) {
      expect(UI).toHaveProperty([`hint.c.${c}`]);
    }
  });

  it('renders messages in both languages with params, phrases and arguments filled', () => {
    const issue = {
      code: 'missing-label', severity: 'error' as const, field: 'kode_wilayah',
      params: { field: 'kode_wilayah', suggestion: '@hint.rename:Kode Wil' },
    };
    expect(renderIssue(issue, 'id').hint).toBe('Tambahkan kolom "kode_wilayah", atau ganti nama kolom "Kode Wil" menjadi "kode_wilayah".');
    expect(renderIssue(issue, 'en').hint).toBe('Add the column "kode_wilayah", or rename the column "Kode Wil" to "kode_wilayah".');
    const typeError = { code: 'type-error', severity: 'error' as const, field: 'tahun', value: '2019.0', params: { type: '@type.year', typeHint: '@hint.t.float-code' } };
    expect(renderIssue(typeError, 'id').message).toBe('Nilai "2019.0" di kolom "tahun" bukan tahun (4 digit).');
    expect(renderIssue(typeError, 'en').hint).toContain('stored as a float');
  });
});
