/**
 * Region-name checks on tables read without a standard (no field bound to the region list), from the
 * interpretation of the table — the way an expert reads names beside codes and names alone:
 *
 * - a Kemendagri code column and its name column (`kode_x` / `nama_x`, or the text column right of it): when
 *   most distinct code–name pairs agree with the reference, the cells whose name belongs to another code are
 *   `name-mismatch` (a name cut short of the official one is said to be truncated). A column labelled BPS, or
 *   whose names mostly disagree (another numbering), is never checked against Kemendagri names;
 * - the same code written with two different names in one file (where the reference did not already say
 *   which is wrong): one `code-two-names` per code, naming both names and their rows;
 * - a column of region names without codes (label "Kecamatan", "Kelurahan", "Desa", "Kabupaten/Kota"…; glued
 *   BPS codes such as "010. Prajurit Kulon" or "[5201] Lombok Barat" set aside): the area is the kabupaten/kota
 *   (or province) where most names are found; within it, a name spelled with other spaces or letters
 *   ("Prajurit Kulon", "B l o o t o") or cut short ("Lombok Ten") is `region-name-spelling` with the official
 *   name. Without a clear area, or for names not found in it, nothing is said (no noise on other tables);
 * - names beside BPS codes (a BPS code column, or a full BPS code glued before the name): never turned into
 *   Kemendagri codes; grouped by the parent their BPS code names and read by name within that parent's area. A
 *   crosswalk (BPS and Kemendagri columns side by side) keeps BPS's own spellings.
 *
 * Memory is bounded (distinct pairs and names, rows kept per name); it runs only when no schema is in force.
 */
import type { ColumnReading } from '../interpret/reading.js';
import type { RawRow } from '../read/table.js';
import { findByName, nameKeys, normaliseCode, region, type Level, type Region } from '../standards/regions.js';
import { compactName, namePrefix, regionsByCompactName, regionsByOtherName, sameSpelling, truncatedFrom, writtenOtherwise } from '../standards/region-names.js';
import type { ExtensionContext, RowExtension } from './validate-table.js';
import type { IssueSink } from './sink.js';

/** Distinct code–name pairs and names kept per column; rows kept per pair or name. */
const MAX_DISTINCT = 20000;
const MAX_ROWS = 500;
/** Row numbers kept in all (a large table repeats its names: memory stays bounded). */
const ROW_BUDGET = 200_000;
/** Share of distinct pairs that must agree with the reference before a pair is called a mismatch. */
const AGREEMENT = 0.75;
/** Rows shown in each row list of a `code-two-names` message. */
const ROWS_SHOWN = 8;

/** A number glued before a name: "010. Prajurit Kulon", "[5201] Lombok Barat", "5201 Lombok Barat", "01) Meri". */
const GLUED_CODE = /^\s*(?:\[\d{1,10}\]|\(\d{1,10}\)|\d{1,10}[.)]|\d{3,10}(?=\s))\s*(?=\S)/;
const LEVEL_WORDS: [RegExp, Level[]][] = [
  [/\b(kecamatan|kec)\b/, ['kecamatan']],
  [/\b(kelurahan|desa|kel|village)\b/, ['desa_kelurahan']],
  [/\b(kabupaten|kab|kota|regency|city)\b/, ['kabupaten_kota']],
  [/\b(wilayah|daerah)\b/, ['kabupaten_kota', 'kecamatan']],
];

interface Seen {
  rows: number[];
  lines: (number | undefined)[];
  count: number;
  text: string;
  /** The parent area its BPS code names (the code's first digits), when it has one. */
  group?: string;
}

interface PairColumn {
  code: number;
  name: number;
  label: string;
  /** Kemendagri codes: names are checked against the reference (BPS numbering: only against each other). */
  reference: boolean;
  /** code → name (as written) → rows */
  pairs: Map<string, Map<string, Seen>>;
  size: number;
}

interface NameColumn {
  col: number;
  label: string;
  levels: Level[];
  /** group + text → rows */
  names: Map<string, Seen>;
  /** The BPS code column beside the names: its first digits group the names by parent area. */
  codeCol?: number;
}

export function regionNameChecks(ctx: ExtensionContext): RowExtension | null {
  const reading = ctx.reading;
  if (ctx.schema.fields.length > 0 || !reading) return null;
  const cols = reading.columns;
  const pairs: PairColumn[] = [];
  const paired = new Set<number>();
  const names: NameColumn[] = [];
  const bpsNames: NameColumn[] = [];
  for (const c of cols) {
    if (!c.codes || !/kode|code|\bkd\b/i.test(c.label)) continue;
    const n = nameColumnOf(c, cols);
    if (n === undefined || paired.has(n)) continue;
    paired.add(n);
    const bps = c.codes.system === 'bps' || /(\b|_)bps(\b|_)/i.test(c.label);
    if (!bps && !c.codes.level) continue;
    pairs.push({ code: c.index, name: n, label: cols[n]!.label, reference: !bps, pairs: new Map(), size: 0 });
    // BPS numbering is not Kemendagri's: its names are read by name, within the area most of them share
    if (bps) bpsNames.push({ col: n, label: cols[n]!.label, levels: bpsLevels(c.codes.example, cols[n]!.label), names: new Map(), codeCol: c.index });
  }
  // a crosswalk (BPS and Kemendagri columns side by side) keeps BPS's own spellings: only the Kemendagri names are checked
  if (!pairs.some((p) => p.reference)) names.push(...bpsNames);
  for (const c of cols) {
    if (paired.has(c.index) || c.codes || c.values === 0 || c.numeric > 0 || c.category) continue;
    const label = c.label.toLowerCase().replace(/[_/]/g, ' ');
    const levels = [...new Set(LEVEL_WORDS.filter(([re]) => re.test(label)).flatMap(([, l]) => l))];
    if (levels.length) names.push({ col: c.index, label: c.label, levels, names: new Map() });
  }
  if (pairs.length === 0 && names.length === 0) return null;
  const budget = { left: ROW_BUDGET };
  const see = (row: RawRow) => {
    for (const p of pairs) {
      const code = row.cells[p.code]?.trim();
      const name = row.cells[p.name];
      if (!code || !name?.trim()) continue;
      let byName = p.pairs.get(code);
      if (!byName) {
        if (p.size >= MAX_DISTINCT) continue;
        p.pairs.set(code, (byName = new Map()));
      }
      let s = byName.get(name);
      if (!s) {
        if (p.size >= MAX_DISTINCT) continue;
        p.size++;
        byName.set(name, (s = { rows: [], lines: [], count: 0, text: name }));
      }
      note(s, row, budget);
    }
    for (const c of names) noteName(c, row, budget);
  };
  return {
    needs: [],
    row: (_values, row) => see(row),
    // subtotal rows carry names too ("Kecamatan Magersari" above its kelurahan)
    total: (row) => {
      for (const c of names) noteName(c, row, budget);
    },
    finish() {
      for (const p of pairs) checkPairs(p, ctx.sink);
      for (const c of names) checkNames(c, ctx.sink);
    },
  };
}

/** A name cell, grouped by the parent area of its BPS code (the code column's, or one glued before the name). */
function noteName(c: NameColumn, row: RawRow, budget: { left: number }): void {
  const text = row.cells[c.col];
  if (!text?.trim()) return;
  const group = parentOfBps(c.codeCol === undefined ? GLUED_BPS.exec(text)?.[1] : row.cells[c.codeCol]?.trim());
  const key = group ? `${group}\u0000${text}` : text;
  let s = c.names.get(key);
  if (!s) {
    if (c.names.size >= MAX_DISTINCT) return;
    c.names.set(key, (s = { rows: [], lines: [], count: 0, text, ...(group ? { group } : {}) }));
  }
  note(s, row, budget);
}

/** A full BPS code glued before a name: "[5201010] Sekotong", "5201 Lombok Barat". */
const GLUED_BPS = /^\s*\[?(\d{4}|\d{7}|\d{10})\]?[\s.):-]/;

/** The parent area a BPS code names: its province for a kabupaten code, its kabupaten for a kecamatan code… */
function parentOfBps(code: string | undefined): string | undefined {
  const n = code?.length;
  return n === 4 ? code!.slice(0, 2) : n === 7 ? code!.slice(0, 4) : n === 10 ? code!.slice(0, 7) : undefined;
}

function note(s: Seen, row: RawRow, budget: { left: number }): void {
  s.count++;
  if (s.rows.length < MAX_ROWS && budget.left-- > 0) {
    s.rows.push(row.n);
    s.lines.push(row.line);
  }
}

/** The name column of a code column: `nama_x` for `kode_x`, else the text column right of it. */
function nameColumnOf(c: ColumnReading, cols: ColumnReading[]): number | undefined {
  const rest = /^(?:kode|kd|code)[\s_-]*(.+)$/i.exec(c.label.trim())?.[1]?.toLowerCase();
  if (rest) {
    const byLabel = cols.find((o) => o.index !== c.index && new RegExp(`^(nama|name|nm)[\\s_-]*${escape(rest)}$`, 'i').test(o.label.trim()));
    if (byLabel) return byLabel.index;
  }
  const next = cols[c.index + 1];
  return next && !next.codes && next.numeric === 0 && next.values > 0 && /nama|name|wilayah|kabupaten|kota|kecamatan|desa|kelurahan|provinsi/i.test(next.label) ? next.index : undefined;
}

/** The level of a BPS code by its digits (4 kabupaten/kota, 7 kecamatan, 10 desa), else from the name label. */
function bpsLevels(example: string | undefined, label: string): Level[] {
  const digits = example?.replace(/\D/g, '').length;
  if (digits === 4) return ['kabupaten_kota'];
  if (digits === 7) return ['kecamatan'];
  if (digits === 10) return ['desa_kelurahan'];
  const l = label.toLowerCase().replace(/[_/]/g, ' ');
  return [...new Set(LEVEL_WORDS.filter(([re]) => re.test(l)).flatMap(([, x]) => x))];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

type PairVerdict = { ok: true; spelling?: Region; former?: boolean } | { ok: false; region: Region; truncated: boolean };

/** A name beside a Kemendagri code: the code's name up to case, prefix and spacing, or another name. */
function judgePair(code: string, name: string): PairVerdict | null {
  const norm = normaliseCode(code);
  const r = norm ? region(norm.code) : undefined;
  if (!r) return null;
  const given = nameKeys(name);
  const official = nameKeys(r.name);
  if (given.some((k) => official.includes(k))) return { ok: true };
  // the code's name spelled differently (other spaces or punctuation, a variant in common use) or a former name:
  // said with the official name
  const otherwise = writtenOtherwise(r.code, r.name, name);
  if (otherwise) return { ok: true, spelling: r, ...(otherwise === 'former' ? { former: true } : {}) };
  const g = compactName(name);
  return { ok: false, region: r, truncated: g.length >= 4 && compactName(r.name).startsWith(g) };
}

function checkPairs(p: PairColumn, sink: IssueSink): void {
  const verdicts: { code: string; seen: Seen; v: PairVerdict | null }[] = [];
  let agree = 0;
  let disagree = 0;
  for (const [code, byName] of p.pairs) {
    for (const seen of byName.values()) {
      const v = p.reference ? judgePair(code, seen.text) : null;
      if (v?.ok) agree++;
      else if (v) disagree++;
      verdicts.push({ code, seen, v });
    }
  }
  // names that mostly disagree with the Kemendagri names are another numbering (BPS): not judged by it
  const trusted = agree >= 3 && agree / (agree + disagree) >= AGREEMENT;
  const told = new Set<string>();
  if (trusted) {
    for (const { code, seen, v } of verdicts) {
      if (v?.ok && v.spelling) {
        for (let k = 0; k < seen.rows.length; k++) {
          sink.add(v.former ? 'region-name-former' : 'region-name-spelling', { official: v.spelling.name }, { row: seen.rows[k]!, line: seen.lines[k], col: p.name, field: p.label, value: seen.text });
        }
      }
      if (!v || v.ok) continue;
      told.add(code);
      const r = v.region;
      let other = findByName(seen.text, r.level, r.code.slice(0, 2)).filter((x) => x.code !== r.code);
      // "Kota Bima" is the kota, not Kabupaten Bima
      const prefix = namePrefix(seen.text);
      if (prefix && other.length > 1) other = other.filter((x) => namePrefix(x.name) === prefix);
      const suggestion = v.truncated ? '@hint.name-truncated' : other.length === 1 ? `@hint.code-for-name:${other[0]!.code}` : '';
      for (let k = 0; k < seen.rows.length; k++) {
        sink.add('name-mismatch', { code: r.code, name: seen.text.trim(), expectedName: r.name, suggestion }, { row: seen.rows[k]!, line: seen.lines[k], col: p.name, field: p.label, value: seen.text });
      }
    }
  }
  // the same code with two names (the reference did not already say which one is wrong)
  for (const [code, byName] of p.pairs) {
    if (told.has(code) || byName.size < 2) continue;
    const groups = new Map<string, Seen[]>();
    for (const s of byName.values()) {
      const k = compactName(s.text);
      groups.set(k, [...(groups.get(k) ?? []), s]);
    }
    if (groups.size < 2) continue;
    const ranked = [...groups.values()].map((g) => ({ g, count: g.reduce((a, s) => a + s.count, 0) })).sort((a, b) => a.count - b.count);
    const minority = ranked[0]!;
    const majority = ranked[ranked.length - 1]!;
    const first = minority.g[0]!;
    sink.add('code-two-names', {
      code: code.trim(), name: first.text.trim(), rows: rowList(minority.g, minority.count),
      other: majority.g[0]!.text.trim(), otherRows: rowList(majority.g, majority.count), count: groups.size,
    }, { row: first.rows[0]!, line: first.lines[0], col: p.name, field: p.label, value: first.text });
  }
}

function rowList(group: Seen[], count: number): string {
  const rows = group.flatMap((s) => s.rows).sort((a, b) => a - b);
  const shown = rows.slice(0, ROWS_SHOWN).join(', ');
  return count > ROWS_SHOWN ? `${shown}, … (${count})` : shown;
}

/** The name without a glued code, letter spacing kept (compact matching folds it). */
function bareName(text: string): string {
  return text.replace(GLUED_CODE, '').trim();
}

/** The levels a name may be at: its prefix says it ("Kecamatan X", "Kota X"), else the column's. */
function levelsOf(name: string, levels: Level[]): Level[] {
  const p = namePrefix(name);
  if (p === 'kecamatan') return ['kecamatan'];
  if (p === 'kota' || p === 'kabupaten') return ['kabupaten_kota'];
  if (p === 'desa' || p === 'kelurahan') return ['desa_kelurahan'];
  // a column of kelurahan carries its kecamatan rows too (subtotals above each block)
  return levels.includes('desa_kelurahan') && !levels.includes('kecamatan') ? [...levels, 'kecamatan'] : levels;
}

/** The area a region lies in at the granularity of a table of names: its kabupaten/kota, or its province. */
function areaOf(r: Region, kabTable: boolean): string {
  return kabTable ? r.code.slice(0, 2) : r.code.slice(0, 5);
}

function checkNames(c: NameColumn, sink: IssueSink): void {
  // names with a BPS parent code are read within their own parent's area, the others together
  const groups = new Map<string, Seen[]>();
  for (const s of c.names.values()) groups.set(s.group ?? '', [...(groups.get(s.group ?? '') ?? []), s]);
  for (const [group, seen] of groups) checkGroup(c, seen, group !== '' ? 2 : 3, sink);
}

/** The names of one area: the area most of them are found in (at least `least` names), then each name in it. */
function checkGroup(c: NameColumn, seen: Seen[], least: number, sink: IssueSink): void {
  const kabTable = c.levels.every((l) => l === 'kabupaten_kota');
  const entries = seen.map((s) => ({ s, name: bareName(s.text) })).filter((e) => /\p{L}{3}/u.test(e.name.replace(/\s/g, '')));
  if (entries.length < least) return;
  // where most names are found: one vote per name and area
  const votes = new Map<string, number>();
  // a name found by none of the official names may be a former name or a variant (other-names.csv)
  const formerOf = new Map<number, boolean>();
  const hitsOf = entries.map((e, i) => {
    let hits = levelsOf(e.name, c.levels).flatMap((l) => regionsByCompactName(e.name, l));
    if (hits.length === 0) {
      const other = levelsOf(e.name, c.levels).flatMap((l) => regionsByOtherName(e.name, l));
      hits = other.map((o) => o.region);
      formerOf.set(i, other.some((o) => o.kind === 'former'));
    }
    for (const a of new Set(hits.map((r) => areaOf(r, kabTable)))) votes.set(a, (votes.get(a) ?? 0) + 1);
    return hits;
  });
  const ranked = [...votes].sort((a, b) => b[1] - a[1]);
  const width = entries.reduce((w, e) => Math.max(w, e.name.length), 0);
  const [area, best] = ranked[0] ?? ['', 0];
  if (!area || best < least || best < entries.length / 2 || (ranked[1] && ranked[1][1] === best)) return;
  entries.forEach((e, i) => {
    const inArea = hitsOf[i]!.filter((r) => areaOf(r, kabTable) === area);
    let official: Region | undefined;
    if (inArea.length) {
      if (inArea.some((r) => sameSpelling(e.name, r.name))) return;
      official = inArea[0];
    } else {
      const cut = levelsOf(e.name, c.levels).map((l) => truncatedFrom(e.name, l, area, width)).filter((r): r is Region => !!r);
      if (new Set(cut.map((r) => r.name)).size !== 1) return;
      official = cut[0];
    }
    for (let k = 0; k < e.s.rows.length; k++) {
      sink.add(inArea.length && formerOf.get(i) ? 'region-name-former' : 'region-name-spelling', { official: official!.name }, { row: e.s.rows[k]!, line: e.s.lines[k], col: c.col, field: c.label, value: e.s.text });
    }
  });
}
