/**
 * Kode referensi checks, from `satudata:kode` field bindings in the standard:
 * - region codes (daftar "wilayah"): code shape variants (5201, 5201.0 → 52.01, warned), BPS codes
 *   recognised, existence at the bound level, parent prefix against the `induk` field and the row's other
 *   region codes, the name field agreeing with the code (case, spacing, "Kab."/"Kota" folded; the right
 *   name or code suggested), the producer's jurisdiction (metadata cakupan) and coverage at the standard's
 *   tingkat penyajian (every unit once per period);
 * - other code lists (opd-ntb, urusan…): existence and name agreement.
 * Lookups go through indexes built once (regions.ts, code-lists.ts); nothing scans per row.
 */
import type { FieldDef } from '../standards/schema.js';
import type { StandardInfo } from '../standards/standard.js';
import { childrenOf, findByName, foldRegion, looksLikeBps, nameKeys, normaliseCode, region, REGION_EDITION, REGION_EDITION_TITLE, type Level } from '../standards/regions.js';
import { matchRegionName, namePrefix, otherNameOf, regionsByOtherName, sameSpelling, truncatedFrom } from '../standards/region-names.js';
import { codeList } from '../standards/code-lists.js';
import { DOTTED_LENGTH, endOf, find, isNamed, levelOfCode, namedAt, villageSlots } from '../standards/region-index.js';
import { fold } from '../read/words.js';
import { primaryKeyOf } from '../standards/schema.js';
import type { ExtensionFactory, RowExtension } from './validate-table.js';
import type { RawRow } from '../read/table.js';
import type { IssueSink } from './sink.js';

interface Binding {
  daftar: string;
  tingkat?: Level;
  nama?: string;
  induk?: string;
}

export interface ReferenceOptions {
  /** The producer's area (metadata cakupan), e.g. "52.01": rows outside it are errors. */
  cakupan?: string;
}

const LEVEL_LABEL = '@level.';
/** Code texts remembered per field (83,762 village codes fit). */
const MEMO_MAX = 1 << 17;
const NO_ISSUES: CodeVerdict['issues'] = [];

/**
 * `info`: the standard's Satu Data block (jurisdiction and coverage need it); a plain Table Schema with
 * `satudata:kode` fields and no `satudata` block gets `{}`: its codes are checked the same way, field by field.
 */
export function referenceExtension(info: Partial<StandardInfo>, options: ReferenceOptions = {}): ExtensionFactory {
  return ({ sink, schema, fieldColumns }) => {
    const index = new Map(schema.fields.map((f, i) => [f.name, i]));
    const bound = (schema.fields as FieldDef[])
      .map((f, i) => ({ field: f, i, binding: f['satudata:kode'] as Binding | undefined }))
      .filter((b): b is { field: FieldDef; i: number; binding: Binding } => !!b.binding && fieldColumns[b.i]! >= 0);
    if (bound.length === 0) return null;
    const regionFields = bound.filter((b) => b.binding.daftar === 'wilayah');
    // per field: what a code text turned out to be (codes repeat: one lookup per distinct text)
    const codeMemo = bound.map(() => new Map<string, CodeVerdict>());
    const lastCode: (string | undefined)[] = bound.map(() => undefined);
    const lastVerdict: (CodeVerdict | undefined)[] = bound.map(() => undefined);
    // per field: the last code and name found clean in the index (and the code's level)
    const cleanCode: (string | undefined)[] = bound.map(() => undefined);
    const cleanName: (string | null | undefined)[] = bound.map(() => undefined);
    const cleanLevel: (Level | undefined)[] = bound.map(() => undefined);
    // the clean code's last two characters: compared first, because comparing two sliced strings of the same
    // length (a 13-character code cell is one) costs about ten times as much as two charCodeAt
    const cleanEnd: number[] = bound.map(() => NaN);
    // per field: the length of a dotted code at the bound level (0: any level)
    const codeLength = bound.map((b) => (b.binding.tingkat ? DOTTED_LENGTH[b.binding.tingkat] : 0));
    // per field of village codes (bound to that level or to none): each row's slot in the index, looked up for
    // a whole batch at once (see villageSlots); other levels are few enough to stay in the cache
    const batchSlots = bound.map((b, k) => (b.binding.daftar === 'wilayah' && (codeLength[k] === 0 || codeLength[k] === DOTTED_LENGTH.desa_kelurahan) ? new Int32Array(512) : null));
    let batchRows: readonly RawRow[] = [];
    // coverage: the standard's unit field at its tingkat penyajian, per period
    const unitField = info.wilayah ? index.get(info.wilayah as string) : undefined;
    const periodField = info.periode ? index.get(info.periode as string) : undefined;
    const tingkat = info.tingkat_penyajian as Level;
    const coverage = new Map<string, Map<string, number>>();
    const pk = primaryKeyOf(schema);
    const pkCoversUnitPeriod = unitField !== undefined && pk.includes(info.wilayah as string) && (periodField === undefined || pk.includes(info.periode as string));
    const cakupan = options.cakupan && /^\d{2}(\.\d{2}){0,3}$/.test(options.cakupan) ? options.cakupan : undefined;

    // per bound field, resolved once: where its name and parent fields are
    const columnOf = (name: string | undefined): number | undefined => {
      const i = name === undefined ? undefined : index.get(name);
      return i === undefined || fieldColumns[i]! < 0 ? undefined : fieldColumns[i];
    };
    const nameColumnOf = bound.map((b) => columnOf(b.binding.nama));
    const parentColumnOf = bound.map((b) => columnOf(b.binding.induk));
    const periodColumn = columnOf(info.periode as string | undefined);
    const nameOnly = new Map<string, NameOnlyVerdict>();
    // one field of village codes, without a parent field or a jurisdiction: a row whose code the batch found in
    // the index, named as the list names it (or without a name), has nothing more to check (batchClean[at] = 1)
    const quick = bound.length === 1 && batchSlots[0] !== null && parentColumnOf[0] === undefined && !cakupan;
    const quickCode = quick ? fieldColumns[bound[0]!.i]! : -1;
    const quickName = nameColumnOf[0];
    let batchClean = new Uint8Array(quick ? 512 : 0);
    const bpsSeen: ({ count: number; code: string; at: At } | undefined)[] = bound.map(() => undefined);
    const ext: RowExtension = {
      // without a jurisdiction there is no coverage to count: each row stands alone
      shardable: !cakupan,
      needs: [
        ...bound.flatMap((b) => [b.field.name, b.binding.nama, b.binding.induk]),
        ...(unitField !== undefined ? [info.wilayah as string] : []),
        ...(periodField !== undefined ? [info.periode as string] : []),
      ].filter((x): x is string => typeof x === 'string'),
      batch(rows) {
        batchRows = rows;
        for (let b = 0; b < bound.length; b++) {
          let slots = batchSlots[b];
          if (slots === null) continue;
          if (slots.length < rows.length) slots = batchSlots[b] = new Int32Array(rows.length);
          villageSlots(rows, fieldColumns[bound[b]!.i]!, slots);
        }
        if (quick) {
          // the names compared here, while the slots just probed are in the cache
          const slots = batchSlots[0]!;
          const nc = quickName;
          if (batchClean.length < rows.length) batchClean = new Uint8Array(rows.length);
          let prevSlot = -1;
          let prevName: string | undefined;
          for (let k = 0; k < rows.length; k++) {
            const s = slots[k]!;
            const name = nc === undefined ? undefined : rows[k]!.cells[nc];
            // the same code and name as the row before (rows sorted by code): its verdict
            if (s === prevSlot && s >= 0 && name === prevName) batchClean[k] = batchClean[k - 1]!;
            else batchClean[k] = s >= 0 && (name === undefined || name === '' || namedAt(s, DOTTED_LENGTH.desa_kelurahan, name)) ? 1 : 0;
            prevSlot = s;
            prevName = name;
          }
        }
      },
      row(values, row, at) {
        if (quick && batchClean[at] === 1 && batchRows[at] === row) {
          // the batch judged the raw cells: they must be the values (a missing name is null, not '')
          if (values[quickCode] === row.cells[quickCode] && (quickName === undefined || values[quickName] === row.cells[quickName])) return;
        }
        const codesInRow: { code: string; level: Level; i: number }[] | null = regionFields.length > 1 ? [] : null;
        let unitCode: string | undefined;
        for (let b = 0; b < bound.length; b++) {
          const { field, i, binding } = bound[b]!;
          const v = values[fieldColumns[i]!];
          if (v === null || v === undefined) {
            // no code: the name alone is checked against the reference (within the cakupan)
            const nc = nameColumnOf[b];
            const name = nc === undefined ? undefined : values[nc];
            if (v === null && binding.daftar === 'wilayah' && binding.tingkat && typeof name === 'string' && name.trim() !== '') {
              let verdict = nameOnly.get(name);
              if (verdict === undefined) {
                verdict = judgeNameOnly(name, binding.tingkat, cakupan ?? '');
                if (nameOnly.size < 100000) nameOnly.set(Buffer.from(name, 'utf8').toString('utf8'), verdict);
              }
              if (verdict) sink.add(verdict.code, verdict.params, atOf(row, nc!, binding.nama!, name));
            }
            continue;
          }
          if (binding.daftar === 'wilayah') {
            const nc = nameColumnOf[b];
            const name = nc === undefined ? undefined : values[nc];
            let verdict: CodeVerdict | undefined;
            let code: string | undefined;
            let level: Level | undefined;
            const end = endOf(v);
            if (end === cleanEnd[b] && v === cleanCode[b] && name === cleanName[b]) {
              // rows come sorted by code more often than not: the same code and name as the last clean row
              code = v;
              level = cleanLevel[b];
            } else {
              // a canonical code of the bound level, named as the list names it (or without a name): checked
              // in the shared index, with no memo entry and no allocation
              const wanted = codeLength[b]!;
              const slots = batchSlots[b];
              // the slot found with the batch, when the value is the cell it was looked up for
              const s = slots !== null && batchRows[at] === row && row.cells[fieldColumns[i]!] === v ? slots[at]! : -2;
              const known = s === -2
                ? (wanted === 0 || v.length === wanted) && (typeof name !== 'string' || name === '' ? find(v) >= 0 : isNamed(v, name))
                : s >= 0 && (typeof name !== 'string' || name === '' || namedAt(s, v.length, name));
              if (known) {
                code = v;
                level = levelOfCode(v);
                cleanCode[b] = v;
                cleanName[b] = name;
                cleanLevel[b] = level;
                cleanEnd[b] = end;
              } else {
                // anything else is judged once per distinct text: the previous row's verdict first, then the memo
                verdict = lastCode[b] === v ? lastVerdict[b] : undefined;
                if (verdict === undefined) {
                  const memo = codeMemo[b]!;
                  verdict = memo.get(v);
                  if (verdict === undefined) {
                    verdict = judgeRegion(v, binding);
                    // bounded: every village code of Indonesia fits; beyond that the memo starts again
                    if (memo.size >= MEMO_MAX) memo.clear();
                    memo.set(Buffer.from(v, 'utf8').toString('utf8'), verdict);
                  }
                  lastCode[b] = v;
                  lastVerdict[b] = verdict;
                }
              }
            }
            if (code === undefined) {
              const issues = verdict!.issues;
              for (let k = 0; k < issues.length; k++) {
                const issue = issues[k]!;
                // an unknown code in data older than the reference edition may be an older code
                const year = issue.code === 'unknown-code' && periodColumn !== undefined ? Number(String(values[periodColumn] ?? '').slice(0, 4)) : NaN;
                if (issue.code === 'bps-code') {
                  // BPS codes: one issue per column (at finish), with the count of cells and the first one
                  const seen = bpsSeen[b];
                  if (seen) seen.count++;
                  else bpsSeen[b] = { count: 1, code: v.trim(), at: atOf(row, fieldColumns[i]!, field.name, v) };
                } else if (year > 1900 && year < EDITION_YEAR) sink.add('region-code-old-edition', { edition: EDITION_LABEL, year: String(year) }, atOf(row, fieldColumns[i]!, field.name, v));
                else sink.add(issue.code, issue.params, atOf(row, fieldColumns[i]!, field.name, v));
              }
              code = verdict!.code;
              if (!code) continue;
              level = verdict!.level;
              if (typeof name === 'string' && name !== '') checkRegionName(verdict!, name, binding, row, nc!, binding.nama!, sink);
            }
            codesInRow?.push({ code, level: level!, i });
            if (i === unitField && level === tingkat) unitCode = code;
            const pc = parentColumnOf[b];
            if (pc !== undefined) {
              const parent = values[pc];
              const p = typeof parent === 'string' ? normaliseCode(parent)?.code : undefined;
              if (p && !code.startsWith(p + '.')) sink.add('parent-mismatch', { code, parent: p }, atOf(row, fieldColumns[i]!, field.name, v));
            }
            if (cakupan && !insideJurisdiction(code, cakupan)) {
              sink.add('outside-jurisdiction', { code, name: region(code)?.name ?? '', cakupan, cakupanName: region(cakupan)?.name ?? cakupan }, atOf(row, fieldColumns[i]!, field.name, v));
            }
          } else {
            checkListCode(v, binding, values, index, fieldColumns, row, atOf(row, fieldColumns[i]!, field.name, v), sink);
          }
        }
        // the row's region codes must nest: a kecamatan code starts with the row's kabupaten code
        for (let a = 0; codesInRow && a < codesInRow.length; a++) {
          for (let b = 0; b < codesInRow.length; b++) {
            const hi = codesInRow[a]!;
            const lo = codesInRow[b]!;
            if (hi.code.length < lo.code.length && !lo.code.startsWith(hi.code + '.') && !regionFields.find((r) => r.i === lo.i)?.binding.induk) {
              sink.add('parent-mismatch', { code: lo.code, parent: hi.code }, { row: row.n, line: row.line, col: fieldColumns[lo.i]!, field: schema.fields[lo.i]!.name, value: lo.code });
            }
          }
        }
        if (unitCode !== undefined && cakupan) {
          const period = periodColumn === undefined ? '' : String(values[periodColumn] ?? '');
          let m = coverage.get(period);
          if (!m) coverage.set(Buffer.from(period, 'utf8').toString('utf8'), (m = new Map()));
          m.set(unitCode, (m.get(unitCode) ?? 0) + 1);
        }
      },
      finish() {
        for (const seen of bpsSeen) {
          if (seen) sink.add('bps-code', { code: seen.code, count: seen.count, evidence: `@reading.bps-evidence` }, seen.at);
        }
        if (!cakupan || unitField === undefined || coverage.size === 0) return;
        const expected = childrenOf(cakupan.length >= 2 ? cakupan : '', tingkat).filter((r) => r.code.startsWith(cakupan));
        if (expected.length === 0) return;
        for (const [period, seen] of [...coverage].sort((a, b) => a[0].localeCompare(b[0]))) {
          const missing = expected.filter((r) => !seen.has(r.code));
          if (missing.length) {
            sink.add('coverage-missing', {
              period: period || '—', count: missing.length, expected: expected.length, level: `${LEVEL_LABEL}${tingkat}`,
              names: listNames(missing.map((r) => `${r.name} (${r.code})`)),
            }, { field: info.wilayah as string });
          }
          if (!pkCoversUnitPeriod) {
            const dups = [...seen].filter(([, n]) => n > 1).map(([code]) => `${region(code)?.name ?? code} (${code})`);
            if (dups.length) sink.add('coverage-duplicate', { period: period || '—', count: dups.length, names: listNames(dups) }, { field: info.wilayah as string });
          }
        }
      },
    };
    return ext;
  };
}

function listNames(names: string[]): string {
  return names.length > 12 ? `${names.slice(0, 12).join(', ')}, … (+${names.length - 12})` : names.join(', ');
}

type At = { row: number; line?: number; col: number; field: string; value: string };

/** Where to report a cell (built only when there is something to report). */
function atOf(row: { n: number; line?: number }, col: number, field: string, value: string): At {
  return { row: row.n, line: row.line, col, field, value };
}

interface CodeVerdict {
  /** The canonical dotted code when the text is a known region code. */
  code?: string;
  /** Names seen with this code and their verdicts (kept here: no lookup per row). */
  names?: NameMemo;
  level?: Level;
  issues: { code: string; params: Record<string, string> }[];
}

/** What a region code text is: its canonical code and level, and the issues it raises (pure: memoised). */
function judgeRegion(value: string, binding: Binding): CodeVerdict {
  const t = value.trim();
  const norm = normaliseCode(t);
  const unknown = { code: 'unknown-code', params: { list: 'wilayah', level: binding.tingkat ? `${LEVEL_LABEL}${binding.tingkat}` : '' } };
  if (!norm) return { issues: [looksLikeBps(t) ? { code: 'bps-code', params: { code: t } } : unknown] };
  const r = region(norm.code);
  if (!r) return { issues: [norm.form !== 'dotted' && looksLikeBps(t) ? { code: 'bps-code', params: { code: t } } : unknown] };
  const clean = norm.form === 'dotted' && t === value && (!binding.tingkat || r.level === binding.tingkat);
  if (clean) return { code: norm.code, level: r.level, issues: NO_ISSUES };
  const issues: CodeVerdict['issues'] = [];
  if (norm.form !== 'dotted' || t !== value) issues.push({ code: 'code-format', params: { code: norm.code } });
  if (binding.tingkat && r.level !== binding.tingkat) {
    issues.push({ code: 'code-level', params: { code: norm.code, actual: `${LEVEL_LABEL}${r.level}`, expected: `${LEVEL_LABEL}${binding.tingkat}` } });
  }
  return { code: norm.code, level: r.level, issues };
}

type NameVerdict = { ok: true } | { ok: false; severity: 'error' | 'warning'; expectedName: string; suggestion: string; spelling?: boolean; former?: boolean };

/** Per code: the last name seen and its verdict (rows repeat the same name), then a small map of others. */
interface NameMemo {
  last: string;
  verdict: NameVerdict;
  /** Other names seen with the code (made when a second name appears). */
  others?: Map<string, NameVerdict>;
}

function checkRegionName(verdictOfCode: CodeVerdict, name: string, binding: Binding, row: { n: number; line?: number }, col: number, field: string, sink: IssueSink): void {
  const code = verdictOfCode.code!;
  let memo = verdictOfCode.names;
  let verdict: NameVerdict | undefined;
  if (memo && memo.last === name) verdict = memo.verdict;
  else {
    verdict = memo?.others?.get(name);
    if (!verdict) {
      verdict = name.trim() === '' ? { ok: true } : judgeName(code, name, binding);
      const kept = Buffer.from(name, 'utf8').toString('utf8');
      if (!memo) verdictOfCode.names = { last: kept, verdict };
      else if (!memo.others) memo.others = new Map([[kept, verdict]]);
      else if (memo.others.size < 1000) memo.others.set(kept, verdict);
    }
  }
  if (verdict.ok) return;
  if (verdict.spelling || verdict.former) {
    sink.add(verdict.former ? 'region-name-former' : 'region-name-spelling', { official: verdict.expectedName }, { row: row.n, line: row.line, col, field, value: name });
    return;
  }
  sink.add('name-mismatch', { code, name: name.trim(), expectedName: verdict.expectedName, suggestion: verdict.suggestion }, { row: row.n, line: row.line, col, field, value: name }, verdict.severity);
}

function judgeName(code: string, name: string, binding: Binding): NameVerdict {
  const r = region(code)!;
  const given = foldRegion(name);
  const official = foldRegion(r.name);
  if (given === official) return { ok: true };
  // spacing and punctuation are spelling, not a different name: "Gunung Sari" is Gunungsari, said with the
  // official spelling (a warning), never silently equal and never "not found"
  const compact = (x: string) => x.replace(/ /g, '');
  if (nameKeys(name).some((k) => nameKeys(r.name).some((o) => compact(o) === compact(k)))) {
    const twins = findByName(name, r.level, r.parent).filter((x) => x.code !== code);
    if (sameSpelling(name, r.name) && twins.length === 0) return { ok: true };
    if (twins.length === 0) return { ok: false, severity: 'warning', expectedName: r.name, suggestion: '', spelling: true };
  }
  const keys = nameKeys(r.name);
  const givenKeys = nameKeys(name);
  // same name once the administrative prefix is dropped ("Lombok Barat" for "Kabupaten Lombok Barat")
  if (givenKeys.some((k) => keys.includes(k))) {
    // …unless that bare name is shared by another unit of the same level and parent ("Bima": Kab. or Kota)
    const twins = findByName(name, r.level, r.parent).filter((x) => x.code !== code);
    // BPS convention: a bare "Bogor" is the kabupaten (the kota is written "Kota Bogor")
    const bareKabupaten = r.level === 'kabupaten_kota' && namePrefix(name) === null && namePrefix(r.name) === 'kabupaten' && twins.every((x) => namePrefix(x.name) === 'kota');
    return twins.length === 0 || bareKabupaten ? { ok: true } : { ok: false, severity: 'warning', expectedName: r.name, suggestion: '' };
  }
  // a former name of this very region (Toba Samosir for Toba), or a variant in common use (Mahakam Hulu)
  const known = otherNameOf(code, name);
  if (known) return { ok: false, severity: 'warning', expectedName: r.name, suggestion: '', ...(known === 'former' ? { former: true } : { spelling: true }) };
  // another code carries this name (or had it: a former name): suggest it
  const level = binding.tingkat ?? r.level;
  const within = r.parent && r.level !== 'kabupaten_kota' ? r.parent.slice(0, 2) : undefined;
  let other = findByName(name, level, within);
  if (other.length === 0) other = regionsByOtherName(name, level, within).map((o) => o.region);
  const suggestion = other.length === 1 ? `@hint.code-for-name:${other[0]!.code}` : '';
  return { ok: false, severity: 'error', expectedName: r.name, suggestion };
}

/** The edition the codes come from, as people cite it, and its year (data older than it may use older codes). */
const EDITION_LABEL = REGION_EDITION_TITLE;
const EDITION_YEAR = Number(/(\d{4})$/.exec(REGION_EDITION)?.[1] ?? 0);

type NameOnlyVerdict = { code: 'region-name-spelling' | 'region-name-former' | 'unknown-region-name'; params: Record<string, string> } | null;

/** A region name without a code: known (null), spelled differently, or unknown with the closest names. */
function judgeNameOnly(name: string, level: Level, within: string): NameOnlyVerdict {
  const m = matchRegionName(name, level, within);
  if (m.kind === 'exact' || m.kind === 'ambiguous') return null;
  if (m.kind === 'spelling' || m.kind === 'former') return { code: m.kind === 'former' ? 'region-name-former' : 'region-name-spelling', params: { official: m.region.name } };
  const cut = truncatedFrom(name, level, within);
  if (cut) return { code: 'region-name-spelling', params: { official: cut.name } };
  return {
    code: 'unknown-region-name',
    params: { level: `${LEVEL_LABEL}${level}`, within: within ? `@region.within:${region(within)?.name ?? within}` : '', closest: m.closest.map((r) => `${r.name} (${r.code})`).join(', ') || '—' },
  };
}

function checkListCode(value: string, binding: Binding, values: (string | null | undefined)[], index: Map<string, number>, fieldColumns: number[], row: { n: number; line?: number }, at: At, sink: IssueSink): void {
  const list = codeList(binding.daftar);
  if (!list) return;
  const code = value.trim();
  const entry = list.byCode.get(code);
  if (!entry) {
    const byName = list.byName.get(fold(code));
    sink.add('unknown-code', { list: binding.daftar, level: '', ...(byName?.length === 1 ? { suggestion: `@hint.code-for-name:${byName[0]!.kode}` } : {}) }, at);
    return;
  }
  if (binding.nama && index.has(binding.nama)) {
    const ni = index.get(binding.nama)!;
    if (fieldColumns[ni]! < 0) return;
    const name = values[fieldColumns[ni]!];
    if (typeof name !== 'string' || !name.trim()) return;
    const f = fold(name);
    const names = [entry.nama, entry.singkatan ?? '', ...(entry.sinonim ?? '').split(';')].filter(Boolean).map(fold);
    if (!names.includes(f)) {
      sink.add('name-mismatch', { code, name: name.trim(), expectedName: entry.nama, suggestion: '' }, { row: row.n, line: row.line, col: fieldColumns[ni]!, field: binding.nama, value: name });
    }
  }
}

/**
 * Whether a Kemendagri code lies inside the jurisdiction `cakupan` (e.g. "52.01"): the area itself, an area
 * within it, or an area containing it (a province row in a kabupaten's table is not outside it).
 */
export function insideJurisdiction(code: string, cakupan: string): boolean {
  return code === cakupan || code.startsWith(cakupan + '.') || cakupan.startsWith(code + '.') || (code.length < cakupan.length && cakupan.startsWith(code));
}
