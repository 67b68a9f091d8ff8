/** `satudata standards list|show|check`: the catalog as Indonesian (or English) tables, or JSON. */
import type { Lang } from '../i18n/lang.js';
import { phrase, t } from '../i18n/ui.js';
import { BUNDLED_CATALOG, loadCatalog } from '../standards/catalog.js';
import { catalogFor, standardById, StandardNotFound } from '../standards/resolve.js';
import { SchemaError } from '../standards/schema.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from './context.js';
import { table } from './table-text.js';
import { catalogError, standardNotFound } from './standard-option.js';
import { termSafe } from '../report/terminal-safe.js';

interface FormatOption {
  format: string;
}

export async function runStandardsList(o: { standards?: string } & FormatOption, lang: Lang): Promise<number> {
  const catalog = await withCatalogErrors(() => catalogFor(o.standards), lang);
  if (!catalog) return EXIT_USAGE;
  if (o.format === 'json') {
    process.stdout.write(JSON.stringify({ dir: catalog.dir, standards: catalog.standards.map((s) => ({ ...s.info, fields: s.schema.fields.map((f) => f.name) })), problems: catalog.problems.map((p) => ({ ...p, detail: phrase(lang, p.detail) })) }, null, 2) + '\n');
    return EXIT_OK;
  }
  const rows = catalog.standards.map((s) => [s.info.id, s.info.versi, s.info.judul, t(lang, `level.${s.info.tingkat_penyajian}`), s.info.frekuensi, s.info.kode_urusan ?? '']);
  process.stdout.write(table([t(lang, 'std.id'), t(lang, 'std.version'), t(lang, 'std.title'), t(lang, 'std.level'), t(lang, 'std.frequency'), t(lang, 'std.affair')], rows));
  process.stdout.write(`\n${t(lang, 'std.count', { count: catalog.standards.length, dir: catalog.dir })}\n`);
  for (const p of catalog.problems) process.stdout.write(`✖ ${termSafe(`${p.path}: ${phrase(lang, p.detail)}`)}\n`);
  return EXIT_OK;
}

export async function runStandardsShow(id: string, o: { standards?: string } & FormatOption, lang: Lang): Promise<number> {
  let std;
  try {
    std = await standardById(id, o.standards);
  } catch (err) {
    if (err instanceof StandardNotFound) return standardNotFound(lang, err);
    if (err instanceof SchemaError) return catalogError(lang, err);
    throw err;
  }
  if (o.format === 'json') {
    process.stdout.write(JSON.stringify({ ...std.schema }, null, 2) + '\n');
    return EXIT_OK;
  }
  const i = std.info;
  const lines = [
    `${i.judul}  (${i.id} v${i.versi})`,
    '',
    `${t(lang, 'std.concept')}: ${i.konsep}`,
    `${t(lang, 'std.definition')}: ${i.definisi}`,
    ...(i.klasifikasi ? [`${t(lang, 'std.classification')}: ${i.klasifikasi}`] : []),
    `${t(lang, 'std.measure')}: ${i.ukuran}    ${t(lang, 'std.unit')}: ${i.satuan}`,
    `${t(lang, 'std.level')}: ${t(lang, `level.${i.tingkat_penyajian}`)}    ${t(lang, 'std.frequency')}: ${i.frekuensi}    ${t(lang, 'std.affair')}: ${i.kode_urusan ?? '—'}`,
    ...(i.rujukan ? [`${t(lang, 'std.reference')}: ${i.rujukan}`] : []),
    '',
  ];
  process.stdout.write(lines.map(termSafe).join('\n') + '\n');
  const pk = new Set([std.schema.primaryKey ?? []].flat());
  const rows = std.schema.fields.map((f) => {
    const c = f.constraints ?? {};
    const rules = [c.required ? t(lang, 'std.required') : '', pk.has(f.name) ? t(lang, 'std.key') : '', c.enum ? `enum: ${c.enum.join('/')}` : '', c.minimum !== undefined ? `≥ ${c.minimum}` : '', c.maximum !== undefined ? `≤ ${c.maximum}` : '', c.pattern ? `pola: ${c.pattern}` : ''].filter(Boolean).join(', ');
    const code = f['satudata:kode'] as { daftar: string; tingkat?: string } | undefined;
    return [f.name, f.title ?? '', f.type ?? 'string', rules, code ? `${code.daftar}${code.tingkat ? ' (' + t(lang, `level.${code.tingkat}`) + ')' : ''}` : ''];
  });
  process.stdout.write(table([t(lang, 'std.field'), t(lang, 'std.title'), t(lang, 'std.type'), t(lang, 'std.constraints'), t(lang, 'std.codelist')], rows));
  const rules = (i.aturan as Record<string, unknown>[] | undefined) ?? [];
  if (rules.length) {
    process.stdout.write(`\n${t(lang, 'std.rules')}:\n`);
    for (const r of rules) process.stdout.write(`  - ${termSafe(describeRule(r))}\n`);
  }
  return EXIT_OK;
}

function describeRule(r: Record<string, unknown>): string {
  switch (r.jenis) {
    case 'jumlah': return `${(r.bagian as string[]).join(' + ')} = ${r.total}`;
    case 'rumus': return `${r.kolom} = ${r.rumus}${r.toleransi !== undefined ? ` (± ${r.toleransi})` : ''}`;
    case 'banding': return `${r.kolom} ${r.operator} ${r.pembanding}`;
    default: return `${(r.kolom as string[]).join(', ')}: terisi bersama / filled together`;
  }
}

export async function runStandardsCheck(dir: string | undefined, o: FormatOption, lang: Lang): Promise<number> {
  const catalog = await withCatalogErrors(() => loadCatalog(dir ?? BUNDLED_CATALOG), lang);
  if (!catalog) return EXIT_USAGE;
  if (o.format === 'json') {
    process.stdout.write(JSON.stringify({ dir: catalog.dir, valid: catalog.problems.length === 0, standards: catalog.standards.map((s) => s.info.id), problems: catalog.problems.map((p) => ({ ...p, detail: phrase(lang, p.detail) })) }, null, 2) + '\n');
  } else {
    for (const s of catalog.standards) process.stdout.write(`✔ ${termSafe(`${s.info.id} v${s.info.versi}`)}\n`);
    for (const p of catalog.problems) process.stdout.write(`✖ ${termSafe(p.path)}\n    ${termSafe(phrase(lang, p.detail))}\n`);
    process.stdout.write(`${t(lang, 'std.check-summary', { ok: catalog.standards.length, bad: catalog.problems.length })}\n`);
  }
  return catalog.problems.length ? EXIT_INVALID : EXIT_OK;
}

async function withCatalogErrors<T>(load: () => Promise<T>, lang: Lang): Promise<T | null> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof SchemaError) {
      catalogError(lang, err);
      return null;
    }
    throw err;
  }
}

