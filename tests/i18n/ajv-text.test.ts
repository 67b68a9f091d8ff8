import { describe, expect, it } from 'vitest';
import { ajvParam, ajvText } from '../../src/i18n/ajv-text.js';
import { t } from '../../src/i18n/ui.js';
import { renderIssue } from '../../src/report/render.js';
import { checkMetadata } from '../../src/standards/metadata-load.js';
import { metaValidator } from '../../src/standards/meta-validators.js';

describe('ajv errors in the user language', () => {
  it('says the metadata schema problems in Indonesian or English, with no ajv English inside the Indonesian', async () => {
    const problems = await checkMetadata({ judul: 5, kontak: 'bukan-email', frekuensi: 'kadang' }, 'x.metadata.json');
    expect(problems.length).toBeGreaterThan(2);
    const encoded = ajvParam(problems.map((p) => ({ instancePath: p.pointer, keyword: p.keyword, params: p.params })), 20);
    const id = ajvText(encoded, 'id');
    const en = ajvText(encoded, 'en');
    expect(id).toContain('/produsen wajib diisi');
    expect(id).toContain('/judul harus berupa teks');
    expect(id).toMatch(/\/frekuensi harus salah satu dari: [a-z]/);
    expect(id).not.toMatch(/\bmust\b|\bshould\b|\bproperty\b/);
    expect(en).toContain('/produsen is required');
    expect(en).toContain('/judul must be string');
  });

  it('renders through issue params and UI phrases late, in the language asked', async () => {
    const validate = await metaValidator('tableSchema');
    expect(validate({ fields: 'x' })).toBe(false);
    const detail = ajvParam(validate.errors);
    const issue = { code: 'schema-error', severity: 'error' as const, params: { path: 'a.schema.json', detail } };
    expect(renderIssue(issue, 'id').message).toMatch(/^Table Schema a\.schema\.json tidak sah: \/fields harus berupa array/);
    expect(renderIssue(issue, 'en').message).toMatch(/^Table Schema a\.schema\.json is invalid: \/fields must be array/);
    expect(t('id', 'cli.catalog-error', { path: 'katalog', detail })).not.toContain('@ajv');
  });

  it('a pattern is described, not shown as a regular expression', () => {
    const text = ajvText(ajvParam([{ instancePath: '/cakupan', keyword: 'pattern', params: { pattern: '^\\d{2}\\.\\d{2}$' } }]), 'id');
    expect(text).toBe('/cakupan harus berbentuk 01.01: dua angka, titik, dua angka');
  });
});
