/**
 * The bundled catalog (standards/catalog) and its examples (fixtures/standards/<id>/):
 * valid.csv must pass with no error, invalid.csv must report at least every planted defect of expected.json.
 * Runs the CLI in process (runMain: main() from src), since what is under test is the validation, not the process.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../src/standards/catalog.js';
import { ROOT, runMain } from '../support/cli.js';

const FIXTURES = join(ROOT, 'fixtures/standards');
const folders = readdirSync(FIXTURES)
  .filter((name) => statSync(join(FIXTURES, name)).isDirectory())
  .sort();

const CORE = ['type-error', 'constraint-error', 'primary-key', 'missing-label', 'extra-label', 'incorrect-label', 'missing-marker'];
const RULES = ['sum-mismatch', 'formula-mismatch', 'compare-failed', 'cohesive-columns'];
const CODES = ['unknown-code', 'region-code-old-edition', 'name-mismatch', 'parent-mismatch', 'code-format'];

interface Planted {
  code: string;
  cell: string;
}

interface ReportIssue {
  type: string;
  severity: string;
  cell?: string;
}

async function report(file: string, id: string) {
  const r = await runMain(['validate', `fixtures/standards/${id}/${file}`, '--standard', id, '--format', 'json']);
  let json: { tables: { issues: ReportIssue[]; standard?: { id?: string } }[] };
  try {
    json = JSON.parse(r.stdout);
  } catch {
    throw new Error(`${id}/${file}: no JSON report (exit ${r.code}): ${r.stderr || r.stdout}`);
  }
  expect(json.tables).toHaveLength(1);
  return { code: r.code, table: json.tables[0] };
}

describe('bundled standards catalog', () => {
  it('loads without problems, with at least 12 standards and unique ids', async () => {
    const catalog = await loadCatalog();
    expect(catalog.problems).toEqual([]);
    const ids = catalog.standards.map((s) => s.info.id);
    expect(ids.length).toBeGreaterThanOrEqual(12);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of catalog.standards) {
      expect(s.schema.name, s.path).toBe(s.info.id);
      expect(s.path?.endsWith(`${s.info.id}.json`), `${s.path} is named after its id`).toBe(true);
    }
  });

  it('gives every standard its Satu Data parts, a period field and a region binding at its level', async () => {
    for (const { info, schema, path } of (await loadCatalog()).standards) {
      for (const key of ['klasifikasi', 'kode_urusan', 'topik', 'rujukan', 'periode'] as const) expect(info[key], `${path}: ${key}`).toBeTruthy();
      expect(info.versi).toMatch(/^\d+\.\d+\.\d+$/);
      expect(schema.primaryKey, `${path}: primaryKey`).toBeTruthy();
      if (info.tingkat_penyajian === 'provinsi') continue;
      const field = schema.fields.find((f) => f.name === info.wilayah);
      expect(field, `${path}: satudata.wilayah`).toBeDefined();
      expect(field!['satudata:kode'], `${path}: ${info.wilayah} binding`).toMatchObject({ daftar: 'wilayah', tingkat: info.tingkat_penyajian });
    }
  });

  it('lists every standard in the docs/standards.md section "Bundled standards"', async () => {
    const readme = readFileSync(join(ROOT, 'docs', 'standards.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Bundled standards'));
    const table = section.slice(0, section.indexOf('\n## ', 3));
    for (const { info } of (await loadCatalog()).standards) {
      expect(table, info.id).toContain(`| \`${info.id}\` |`);
    }
  });

  it('has an example folder for every standard and a standard for every example folder', async () => {
    const ids = (await loadCatalog()).standards.map((s) => s.info.id).sort();
    expect(folders).toEqual(ids);
  });
});

describe.each(folders)('fixtures/standards/%s', (id) => {
  const dir = join(FIXTURES, id);

  it('has valid.csv, invalid.csv and a well-formed expected.json', () => {
    for (const f of ['valid.csv', 'invalid.csv', 'expected.json']) expect(existsSync(join(dir, f)), f).toBe(true);
    const rows = readFileSync(join(dir, 'valid.csv'), 'utf8').trim().split('\n').length - 1;
    expect(rows).toBeGreaterThanOrEqual(10);
    expect(rows).toBeLessThanOrEqual(40);
    const planted: Planted[] = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
    for (const p of planted) {
      expect([...CORE, ...RULES, ...CODES]).toContain(p.code);
      expect(p.cell).toMatch(/^[A-Z]+[1-9]\d*$/);
    }
    expect(planted.some((p) => CORE.includes(p.code)), 'at least one core defect').toBe(true);
    expect(planted.some((p) => RULES.includes(p.code) || CODES.includes(p.code)), 'at least one rule or code defect').toBe(true);
  });

  it('valid.csv passes with no error', async () => {
    const { code, table } = await report('valid.csv', id);
    const errors = table.issues.filter((i) => i.severity === 'error').map((i) => `${i.type}@${i.cell ?? '-'}`);
    expect(errors).toEqual([]);
    expect(code).toBe(0);
  });

  it('valid.csv is matched to its standard from the header alone', async () => {
    const r = await runMain(['validate', `fixtures/standards/${id}/valid.csv`, '--format', 'json']);
    expect(JSON.parse(r.stdout).tables[0].standard?.id).toBe(id);
  });

  it('invalid.csv reports every planted defect', async () => {
    const { code, table } = await report('invalid.csv', id);
    expect(code).toBe(1);
    const found = new Set(table.issues.map((i) => `${i.type}@${i.cell ?? '-'}`));
    const planted: Planted[] = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
    const missed = planted.map((p) => `${p.code}@${p.cell}`).filter((key) => !found.has(key));
    expect(missed, `reported: ${[...found].join(', ')}`).toEqual([]);
  });
});
