/**
 * Builds the fix of one table: the tidy rows (one value per standard field), every change with its source
 * cell, old and new value and rule, and the problems the fixer would not guess. Pure planning: nothing is
 * written here (see write.ts).
 */
import type { OpenOptions } from '../read/open.js';
import { CellKind, type RawRow } from '../read/table.js';
import type { FieldDef, TableSchema } from '../standards/schema.js';
import type { Standard, StandardInfo } from '../standards/standard.js';
import { loadTable, RowKind, type LoadedTable } from './table.js';
import { at, dropRowChange, layoutChanges } from './layout.js';
import { mapColumns, renameChanges, unmappedColumns, unmappedFields } from './rename.js';
import { interpret } from '../interpret/interpret.js';
import { detectUnpivot } from './unpivot.js';
import { convert, dateEvidence, localeEvidence, type Locale, type ValueContext } from './values.js';
import { checkTotals, type Segment } from './totals.js';
import { codeForName, coverageFromTitles, nameForCode, regionBindings, yearFromTitles, type NameLookup, type RegionBinding } from './regions.js';
import { commonParent, compactName, sameSpelling } from '../standards/region-names.js';
import { foldRegion } from '../standards/regions.js';
import type { Change, FixProblem } from './types.js';
import type { DateOrder } from '../check/dates.js';
import { derivedRules, recomputeRow } from './recompute.js';
import { insideJurisdiction } from '../check/reference.js';

export interface FixOptions extends OpenOptions {
  /** What `-` means in numeric columns: missing (default) or zero. */
  dash?: 'missing' | 'zero';
  /** Values for fields the file lacks (`--set tahun=2023`). */
  set?: Record<string, string>;
  /** Kemendagri code of the area the data covers (limits name → code matching). */
  cakupan?: string;
  /** Recompute derived values (the standard's `rumus` rules) that do not follow from their parts (`--recompute`). */
  recompute?: boolean;
  /** Kemendagri code of the producer's jurisdiction (`--cakupan` or the metadata's cakupan): rows outside it are left out. */
  jurisdiction?: string;
  /** Keep the rows outside the jurisdiction (`--keep-outside`); they are still counted. */
  keepOutside?: boolean;
}

export interface FixPlan {
  fields: FieldDef[];
  rows: string[][];
  changes: Change[];
  problems: FixProblem[];
  /** Facts for the report. */
  source: { path: string; sheet?: string; format: string; encoding?: string; delimiter?: string };
  cakupan?: string;
  /** Columns holding values that map to no field (not written): letter, label, count of values. */
  unmappedColumns: { column: string; label: string; values: number }[];
  /** The jurisdiction rows were checked against, and how many rows outside it were kept (`--keep-outside`). */
  jurisdiction?: { code: string; kept: number };
}

type Source = { kind: 'column'; col: number } | { kind: 'constant'; value: string; cell: string; rule: 'value-from-title' | 'value-from-option' } | { kind: 'none' };

export async function planFix(path: string, standard: Standard | { schema: TableSchema; info?: StandardInfo }, opts: FixOptions = {}): Promise<FixPlan> {
  const t = await loadTable(path, opts);
  return planTable(t, standard.schema, standard.info, opts);
}

export function planTable(t: LoadedTable, schema: TableSchema, info: StandardInfo | undefined, opts: FixOptions = {}): FixPlan {
  const sheet = t.info.sheet;
  const fields = schema.fields;
  const problems: FixProblem[] = [];
  const changes: Change[] = layoutChanges(t);
  // the one reading of the table `validate` reports against
  const reading = interpret(t.layout, t.sample, t.info, schema);
  const map = mapColumns(t, schema, reading, problems);
  const unp = detectUnpivot(t, schema, info, map);
  const unpCols = new Set(unp?.groups.flatMap((g) => g.cells.map((c) => c.col)) ?? []);
  changes.push(...renameChanges(t, schema, map, unpCols));
  const headerRow = t.layout.headerRows.at(-1) ?? 1;
  if (unp) {
    for (const g of unp.groups) {
      for (const { col, field } of g.cells) {
        changes.push({ cell: at(sheet, col, headerRow), rule: 'unpivot', old: t.layout.labels[col]!, new: `${fields[unp.keyField]!.name}=${g.key} → ${fields[field]!.name}` });
      }
    }
  }
  const problem = (p: Omit<FixProblem, 'severity'> & { severity?: FixProblem['severity'] }) => problems.push({ severity: 'error', ...(sheet ? { sheet } : {}), ...p });

  // where each field's value comes from
  const sources: Source[] = fields.map((f, fi) => {
    const col = map.columnOfField[fi]!;
    if (col >= 0) return { kind: 'column', col };
    if (unp && (fi === unp.keyField || unp.valueFields.includes(fi))) return { kind: 'none' };
    const given = opts.set?.[f.name];
    if (given !== undefined) return { kind: 'constant', value: given, cell: '', rule: 'value-from-option' };
    if (f.type === 'year' || info?.periode === f.name) {
      const y = yearFromTitles(t.layout.titleRows);
      if (y.year) {
        const row = t.layout.titleRows.find((r) => r.cells.some((c) => c.includes(y.year!)))!;
        const col = row.cells.findIndex((c) => c.includes(y.year!));
        return { kind: 'constant', value: y.year, cell: at(sheet, col, row.n), rule: 'value-from-title' };
      }
      if (y.several) problem({ code: 'fix-ambiguous', params: { value: y.several.join(', '), choices: f.name }, field: f.name });
    }
    return { kind: 'none' };
  });
  for (const s of sources) if (s.kind === 'constant') changes.push({ cell: s.cell, rule: s.rule, old: '', new: s.value });

  // the mapping result: which fields the file feeds (a column or an unpivoted column), and which get a value at
  // all (also --set, the title, or a region code/name derived from its bound name/code). Required fields that
  // get none are said plainly, never left to surface as rows of empty cells.
  const bindings = regionBindings(schema);
  const unpivoted = (fi: number) => !!unp && unp.valueFields.includes(fi);
  const fromFile = fields.map((_, fi) => sources[fi]!.kind === 'column' || unpivoted(fi));
  const fed = fields.map((_, fi) => sources[fi]!.kind !== 'none' || fromFile[fi]! || (!!unp && fi === unp.keyField));
  for (const b of bindings) {
    if (b.nameField < 0) continue;
    const codeFed = fed[b.codeField]!;
    const nameFed = fed[b.nameField]!;
    if (nameFed) fed[b.codeField] = true;
    if (codeFed) fed[b.nameField] = true;
  }
  const unmapped = unmappedFields(t, schema, fed, fromFile);
  if (unmapped) problems.push(unmapped);
  // a tidy row with no value from the file (only --set/title constants, the unpivot key, or nothing) is not data
  const dataField = fields.map((_, fi) => sources[fi]!.kind !== 'constant' && !(unp && fi === unp.keyField));

  // number locale and date order: per column, else from the whole file
  const dataRows = t.rows.filter((r) => r.kind === RowKind.Data || r.kind === RowKind.Total);
  const evidence = (col: number) => {
    let id = 0;
    let en = 0;
    let dmy = 0;
    let mdy = 0;
    for (const { row } of dataRows) {
      if (row.kinds?.[col] === CellKind.Number) continue;
      const v = row.cells[col] ?? '';
      const e = localeEvidence(v);
      if (e === 'id') id++;
      else if (e === 'en') en++;
      const d = dateEvidence(v);
      if (d === 'dmy') dmy++;
      else if (d === 'mdy') mdy++;
    }
    return { id, en, dmy, mdy };
  };
  const ev = t.layout.labels.map((_, c) => evidence(c));
  let fileId = t.info.delimiter === ';' ? 1 : 0;
  let fileEn = 0;
  for (const e of ev) { fileId += e.id; fileEn += e.en; }
  const fileLocale: Locale = fileId > 0 && fileEn === 0 ? 'id' : fileEn > 0 && fileId === 0 ? 'en' : null;
  const localeOf = (c: number): Locale => {
    // the column's convention from the Reading; else what the whole column shows
    const n = reading.columns[c]?.number;
    if (n && n.style !== 'plain') return n.style === 'ambiguous' || n.style === 'mixed' ? null : n.groupChar === '.' || n.decimalChar === ',' ? 'id' : 'en';
    const e = ev[c]!;
    if (e.id > 0 && e.en === 0) return 'id';
    if (e.en > 0 && e.id === 0) return 'en';
    if (e.id > 0 && e.en > 0) return null;
    return fileLocale;
  };
  const orderOf = (c: number): DateOrder | null => {
    const e = ev[c]!;
    if (e.dmy > 0 && e.mdy > 0) return null;
    return e.mdy > 0 ? 'mdy' : 'dmy';
  };
  const missing = (() => {
    const m = schema.missingValues?.[0];
    return m === undefined ? '' : typeof m === 'string' ? m : m.value;
  })();
  const ctxOf = (c: number): ValueContext => ({
    locale: localeOf(c), dateOrder: orderOf(c), dash: opts.dash ?? 'missing', missing, dateSystem: t.info.dateSystem ?? 1900,
    ...(reading.columns[c]?.category ? { category: true } : {}),
    ...(reading.columns[c]?.codes?.system === 'bps' ? { bps: true } : {}),
  });
  const ctxCache = new Map<number, ValueContext>();
  const ctx = (c: number) => {
    let x = ctxCache.get(c);
    if (!x) ctxCache.set(c, (x = ctxOf(c)));
    return x;
  };

  const bpsByName = new Set(bindings.filter((b) => b.nameField >= 0 && sources[b.nameField]!.kind === 'column').map((b) => fields[b.codeField]!.name));
  const convertCell = (row: RawRow, col: number, field: FieldDef, log: boolean): string => {
    const raw = row.cells[col] ?? '';
    const r = convert(raw, row.kinds?.[col], field, ctx(col));
    if (!r.ok) {
      // a BPS code with a region name beside it is looked up by the name (in the region loop below)
      if (log && !(r.reason === 'bps-code' && bpsByName.has(field.name))) problem({ code: 'fix-ambiguous', params: { value: raw, choices: `@fix.reason.${r.reason}` }, cell: at(undefined, col, row.n), row: row.n, col: col + 1, field: field.name, value: raw });
      return raw.trim();
    }
    if (log && r.rule) changes.push({ cell: at(sheet, col, row.n), rule: r.rule, old: raw, new: r.value });
    return r.value;
  };

  // totals: numeric source columns
  const numericCols: { col: number; field: FieldDef }[] = [];
  fields.forEach((f, fi) => {
    const s = sources[fi]!;
    if (s.kind === 'column' && additive(f)) numericCols.push({ col: s.col, field: f });
  });
  if (unp) for (const g of unp.groups) for (const { col, field } of g.cells) if (additive(fields[field]!)) numericCols.push({ col, field: fields[field]! });
  const numbersOf = (row: RawRow): Map<number, number> => {
    const m = new Map<number, number>();
    for (const { col, field } of numericCols) {
      const r = convert(row.cells[col] ?? '', row.kinds?.[col], field, { ...ctx(col), dash: 'zero' });
      m.set(col, r.ok && r.value !== '' ? Number(r.value) : NaN);
    }
    return m;
  };
  const seq: Segment[] = [];
  // key columns for totals across a layout: not the label, not a checked number, few distinct whole values or text
  const labelCol = t.layout.labelCol;
  const checked = new Set(numericCols.map((x) => x.col));
  const keyCols = t.layout.labels.map((_, c) => c).filter((c) => {
    if (c === labelCol || checked.has(c)) return false;
    const seen = new Set<string>();
    for (const { row } of dataRows) {
      const v = (row.cells[c] ?? '').trim();
      if (v === '') continue;
      if (/^[+-]?\d*[.,]\d+$/.test(v)) return false;
      seen.add(v);
    }
    return seen.size > 0 && seen.size <= 24;
  });
  const keyOf = (row: RawRow) => keyCols.map((c) => (row.cells[c] ?? '').trim()).join('\u0001').replace(/^\u0001+$/, '');
  const stemOf = (row: RawRow) => {
    const words = (row.cells[labelCol] ?? '').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w && !/^(jumlah|total|sub|subtotal|grand|keseluruhan|semua)$/.test(w));
    return words[0] ?? '';
  };

  const formulas = derivedRules(info, fields, (fi) => (sources[fi]!.kind === 'column' ? (sources[fi] as { col: number }).col : -1));
  const cakupan = opts.cakupan ?? coverageFromTitles(t.layout.titleRows);
  const lookups = new Map<string, NameLookup>();
  // per binding: the column's names (a bare "Bima" beside "Kota Bima") and the area most of them share
  const contexts = new Map<RegionBinding, { siblings: Set<string>; area?: string }>();
  const nameContext = (b: RegionBinding) => {
    let c = contexts.get(b);
    if (!c) {
      const src = b.nameField >= 0 ? sources[b.nameField]! : undefined;
      const names = src?.kind === 'column' ? t.rows.filter((r) => r.kind === RowKind.Data).map((r) => (r.row.cells[src.col] ?? '').trim()).filter(Boolean) : [];
      const area = cakupan || b.level === 'provinsi' ? undefined : commonParent(new Set(names), b.level, '');
      contexts.set(b, (c = { siblings: new Set(names.map(foldRegion)), ...(area ? { area } : {}) }));
    }
    return c;
  };
  const rows: string[][] = [];
  const jurisdiction = opts.jurisdiction && /^\d{2}(\.\d{2}){0,3}$/.test(opts.jurisdiction) ? opts.jurisdiction : undefined;
  let outsideKept = 0;

  for (const { row, kind } of t.rows) {
    if (kind === RowKind.Total) {
      seq.push({ kind: 'total', row: { n: row.n, values: numbersOf(row), key: keyOf(row), stem: stemOf(row) } });
      if (formulas.length) {
        const o = fields.map((f, fi) => {
          const s = sources[fi]!;
          return s.kind === 'column' ? convert(row.cells[s.col] ?? '', row.kinds?.[s.col], f, ctx(s.col)) : null;
        }).map((r) => (r && r.ok ? r.value : ''));
        recomputeRow(o, formulas, row, sheet, false, changes, problems, true);
      }
      changes.push(dropRowChange(sheet, row, 'drop-total-row'));
      continue;
    }
    if (kind !== RowKind.Data) continue;
    // a value beyond the header is not written: it gets its own change-log line, never lost silently
    for (let c = 0; c < row.cells.length; c++) {
      // beyond the header, or in a column without a label that no field takes
      if (c < t.layout.width && (t.layout.labels[c] || map.fieldOfColumn[c] !== -1 || unpCols.has(c))) continue;
      const v = (row.cells[c] ?? '').trim();
      if (v !== '') changes.push({ cell: at(sheet, c, row.n), rule: 'drop-extra-cell', old: v, new: '' });
    }
    if (numericCols.length) seq.push({ kind: 'data', row: { n: row.n, values: numbersOf(row), key: keyOf(row), stem: stemOf(row) } });
    const base: string[] = fields.map((f, fi) => {
      const s = sources[fi]!;
      if (s.kind === 'column') return convertCell(row, s.col, f, true);
      if (s.kind === 'constant') return s.value;
      return missing;
    });
    const outs: string[][] = unp
      ? unp.groups.map((g) => {
          const o = [...base];
          o[unp.keyField] = g.key;
          for (const { col, field } of g.cells) o[field] = convertCell(row, col, fields[field]!, true);
          return o;
        })
      : [base];
    for (const o of outs) {
      for (const b of bindings) {
        const codeSrc = sources[b.codeField]!;
        const nameSrc = b.nameField >= 0 ? sources[b.nameField]! : undefined;
        const code = o[b.codeField]!;
        const name = b.nameField >= 0 ? o[b.nameField]! : '';
        if (codeSrc.kind === 'column' && bpsByName.has(fields[b.codeField]!.name) && ctx(codeSrc.col).bps && code !== missing && code !== '' && !/^\d{2}(\.\d{2}){0,3}$/.test(code)) {
          // a BPS code: the Kemendagri code comes from a lookup of the name (never from inserting dots)
          let hit: NameLookup | undefined;
          if (name !== missing && name !== '') {
            hit = lookups.get(name);
            const nc = nameContext(b);
            if (!hit) lookups.set(name, (hit = codeForName(name, b.level, cakupan, nc.siblings, nc.area)));
          }
          const raw = row.cells[codeSrc.col] ?? '';
          if (hit && 'code' in hit) {
            o[b.codeField] = hit.code;
            if (o === outs[0]) changes.push({ cell: at(sheet, codeSrc.col, row.n), rule: 'code-from-bps-name', old: raw, new: hit.code });
          } else if (o === outs[0]) {
            problem({ code: 'fix-ambiguous', params: { value: raw, choices: '@fix.reason.bps-code' }, cell: at(undefined, codeSrc.col, row.n), row: row.n, col: codeSrc.col + 1, field: fields[b.codeField]!.name, value: raw });
          }
          continue;
        }
        if (code === missing && name !== missing && name !== '') {
          let hit = lookups.get(name);
          const ctx = nameContext(b);
          if (!hit) lookups.set(name, (hit = codeForName(name, b.level, cakupan, ctx.siblings, ctx.area)));
          const nameCol = nameSrc?.kind === 'column' ? nameSrc.col : 0;
          if ('code' in hit) {
            o[b.codeField] = hit.code;
            if (o === outs[0]) changes.push({ cell: at(sheet, codeSrc.kind === 'column' ? codeSrc.col : nameCol, row.n), rule: 'code-from-name', old: codeSrc.kind === 'column' ? (row.cells[codeSrc.col] ?? '') : '', new: hit.code });
            if (hit.official && hit.official !== name) {
              o[b.nameField] = hit.official;
              if (o === outs[0]) changes.push({ cell: at(sheet, nameCol, row.n), rule: 'region-name-spelling', old: name, new: hit.official });
            }
          } else if (o === outs[0]) {
            const several = 'choices' in hit;
            problem({ code: several ? 'fix-ambiguous' : 'fix-no-match', params: { value: name, choices: 'choices' in hit ? hit.choices.join('; ') : '', level: b.level }, cell: at(undefined, nameCol, row.n), row: row.n, col: nameCol + 1, field: fields[b.codeField]!.name, value: name });
          }
        } else if (b.nameField >= 0 && name !== missing && name !== '' && code !== missing) {
          // the official spelling of a name equal after folding spaces and punctuation ("Gunung Sari" → Gunungsari)
          const official = nameForCode(code, b.level);
          if (official && !sameSpelling(name, official) && compactName(name) === compactName(official)) {
            o[b.nameField] = official;
            if (o === outs[0] && nameSrc?.kind === 'column') changes.push({ cell: at(sheet, nameSrc.col, row.n), rule: 'region-name-spelling', old: name, new: official });
          }
        } else if (b.nameField >= 0 && (name === missing || name === '') && code !== missing) {
          const found = nameForCode(code, b.level);
          if (found) {
            o[b.nameField] = found;
            const codeCol = codeSrc.kind === 'column' ? codeSrc.col : 0;
            if (o === outs[0]) changes.push({ cell: at(sheet, nameSrc?.kind === 'column' ? nameSrc.col : codeCol, row.n), rule: 'name-from-code', old: '', new: found });
          }
        }
      }
    }
    // a row outside the producer's jurisdiction is not its data: left out (logged, naming the code) unless kept
    if (jurisdiction) {
      const outside = outsideCode(outs[0]!, bindings, missing, jurisdiction);
      if (outside) {
        if (opts.keepOutside) outsideKept++;
        else {
          changes.push({ ...dropRowChange(sheet, row, 'drop-outside-jurisdiction'), new: `${outside} ∉ ${jurisdiction}` });
          continue;
        }
      }
    }
    if (formulas.length) for (const o of outs) recomputeRow(o, formulas, row, sheet, !!opts.recompute, changes, problems);
    const kept = outs.filter((o) => o.some((v, fi) => dataField[fi] && v !== '' && v !== missing));
    // a data row whose mapped cells are all empty is dropped like a blank row (logged, unless nothing maps at all)
    if (kept.length === 0 && fromFile.some(Boolean)) changes.push(dropRowChange(sheet, row, 'drop-blank-row'));
    rows.push(...kept);
  }
  const totalProblems = checkTotals(seq, numericCols.map(({ col, field }) => ({ col, field: field.name })), sheet);
  problems.push(...totalProblems);
  // the drop of a totals row is logged with the result of its check (the tidy data holds no totals)
  for (const c of changes) {
    if (c.rule !== 'drop-total-row') continue;
    const n = rowOf(c.cell);
    const bad = [...totalProblems, ...problems.filter((p) => p.code === 'total-ratio-mismatch')].filter((p) => p.row === n)
      .map((p) => p.code === 'total-ratio-mismatch' ? `${p.field} ${p.params?.value}≠${p.params?.expected}` : `${p.field} ${p.params?.value}≠${p.params?.sum}`);
    c.new = bad.length ? `total-mismatch: ${bad.join('; ')}` : numericCols.length ? 'total-ok' : '';
  }
  changes.sort((a, b) => rowOf(a.cell) - rowOf(b.cell));
  return {
    fields,
    rows,
    changes,
    problems,
    source: { path: t.info.path, ...(sheet ? { sheet } : {}), format: t.info.format, ...(t.info.encoding ? { encoding: t.info.encoding } : {}), ...(t.info.delimiter ? { delimiter: t.info.delimiter } : {}) },
    ...(cakupan ? { cakupan } : {}),
    ...(jurisdiction ? { jurisdiction: { code: jurisdiction, kept: outsideKept } } : {}),
    unmappedColumns: unmappedColumns(t, map, unpCols),
  };
}

/** The first region code of a tidy row that lies outside the jurisdiction, if any. */
function outsideCode(o: string[], bindings: RegionBinding[], missing: string, jurisdiction: string): string | undefined {
  for (const b of bindings) {
    const code = o[b.codeField] ?? '';
    if (code === '' || code === missing || !/^\d{2}(\.\d{2}){0,3}$/.test(code)) continue;
    if (!insideJurisdiction(code, jurisdiction)) return code;
  }
  return undefined;
}

/**
 * Whether a field's column totals are sums of its parts: counts and amounts are; rates, percentages,
 * indices, averages and per-capita values (a province's poverty line, its IPM) are not, and are not checked.
 */
const NOT_ADDITIVE = /(^|_)(persen|persentase|rasio|indeks|ipm|rata|tingkat|apk|apm|tpt|tpak|produktivitas|harapan|lama|garis|laju|kepadatan|angka)(_|$)/;

export function additive(f: FieldDef): boolean {
  if (f.type !== 'integer' && f.type !== 'number') return false;
  const unit = String(f['satudata:satuan'] ?? '');
  return !NOT_ADDITIVE.test(f.name) && !/[/%]|per |persen|indeks/i.test(unit);
}

function rowOf(cell: string): number {
  const m = /(\d+)$/.exec(cell);
  return m ? Number(m[1]) : 0;
}
