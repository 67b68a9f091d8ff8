/** `satudata codes search|show`: region codes (standards/codes/wilayah, Kepmendagri 2025) and the small code lists. */
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import { normaliseCode, region, REGION_EDITION, searchRegions, type Level, type Region } from '../standards/regions.js';
import { codeList, listNames } from '../standards/code-lists.js';
import { fold } from '../read/words.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from './context.js';
import { cliError, positiveOption } from './coded.js';
import { table } from './table-text.js';
import { termSafe } from '../report/terminal-safe.js';

interface CodesOptions {
  list: string;
  level?: Level;
  limit?: string;
  format: string;
}

export async function runCodesSearch(text: string, o: CodesOptions, lang: Lang): Promise<number> {
  const limit = positiveOption(o.limit ?? 20, '--limit', lang);
  if (limit === null || limit === undefined) return EXIT_USAGE;
  if (o.list === 'wilayah') {
    const found = searchRegions(text, o.level, limit);
    return printRegions(found, o, lang, text);
  }
  const list = codeList(o.list);
  if (!list) return unknownList(o.list, lang);
  const q = fold(text);
  const found = list.entries.filter((e) => fold(e.nama).includes(q) || fold(e.kode).includes(q) || fold(e.singkatan ?? '').includes(q) || (e.sinonim ?? '').split(';').some((s) => fold(s).includes(q))).slice(0, limit);
  if (o.format === 'json') process.stdout.write(JSON.stringify({ list: o.list, query: text, results: found }, null, 2) + '\n');
  else if (found.length) process.stdout.write(table([t(lang, 'codes.code'), t(lang, 'codes.name')], found.map((e) => [e.kode, e.nama])));
  else process.stdout.write(`${termSafe(t(lang, 'codes.none', { query: text }))}\n`);
  return found.length ? EXIT_OK : EXIT_INVALID;
}

export async function runCodesShow(code: string, o: CodesOptions, lang: Lang): Promise<number> {
  if (o.list === 'wilayah') {
    const norm = normaliseCode(code);
    const r = norm ? region(norm.code) : undefined;
    if (!r) {
      process.stdout.write(`${termSafe(t(lang, 'codes.unknown', { code }))}\n`);
      return EXIT_INVALID;
    }
    const chain: Region[] = [];
    for (let c: Region | undefined = r; c; c = c.parent ? region(c.parent) : undefined) chain.unshift(c);
    if (o.format === 'json') {
      process.stdout.write(JSON.stringify({ ...r, path: chain.map((c) => ({ code: c.code, name: c.name, level: c.level })), edition: REGION_EDITION, ...(norm!.form !== 'dotted' ? { normalisedFrom: code } : {}) }, null, 2) + '\n');
      return EXIT_OK;
    }
    if (norm!.form !== 'dotted') process.stdout.write(`${termSafe(t(lang, 'codes.normalised', { from: code, to: r.code }))}\n`);
    process.stdout.write(table([t(lang, 'codes.level'), t(lang, 'codes.code'), t(lang, 'codes.name')], chain.map((c) => [t(lang, `level.${c.level}`), c.code, c.name])));
    process.stdout.write(`${termSafe(t(lang, 'codes.edition', { edition: REGION_EDITION }))}\n`);
    return EXIT_OK;
  }
  const list = codeList(o.list);
  if (!list) return unknownList(o.list, lang);
  const entry = list.byCode.get(code.trim());
  if (!entry) {
    process.stdout.write(`${termSafe(t(lang, 'codes.unknown', { code }))}\n`);
    return EXIT_INVALID;
  }
  if (o.format === 'json') process.stdout.write(JSON.stringify(entry, null, 2) + '\n');
  else process.stdout.write(Object.entries(entry).map(([k, v]) => `${k}: ${v}`).join('\n') + '\n');
  return EXIT_OK;
}

function printRegions(found: Region[], o: CodesOptions, lang: Lang, query: string): number {
  if (o.format === 'json') {
    process.stdout.write(JSON.stringify({ list: 'wilayah', edition: REGION_EDITION, query, results: found.map((r) => ({ ...r, parentName: r.parent ? region(r.parent)?.name : undefined })) }, null, 2) + '\n');
    return found.length ? EXIT_OK : EXIT_INVALID;
  }
  if (!found.length) {
    process.stdout.write(`${termSafe(t(lang, 'codes.none', { query }))}\n`);
    return EXIT_INVALID;
  }
  const rows = found.map((r) => [r.code, r.name, t(lang, `level.${r.level}`), r.parent ? `${region(r.parent)?.name ?? ''}` : '']);
  process.stdout.write(table([t(lang, 'codes.code'), t(lang, 'codes.name'), t(lang, 'codes.level'), t(lang, 'codes.parent')], rows));
  process.stdout.write(`${termSafe(t(lang, 'codes.edition', { edition: REGION_EDITION }))}\n`);
  return EXIT_OK;
}

function unknownList(name: string, lang: Lang): number {
  return cliError(lang, 'unknown-list', 'codes.unknown-list', { name, lists: ['wilayah', ...listNames()].join(', ') });
}


