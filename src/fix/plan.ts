/**
 * The fix of one table, streamed in two passes with memory bounded independently of the number of rows:
 *   pass 1 reads the table once and keeps only bounded evidence (per column: number-locale and date-order
 *   counts, values filled; the distinct region names of name columns);
 *   pass 2 reads it again and converts row by row, writing each tidy row and each change straight to the
 *   outputs (write.ts, change-log.ts); totals rows are judged as validate judges them (check/aggregate-pass.ts)
 *   before they are dropped.
 * What the plan returns is bounded too: the first ROWS_KEPT tidy rows, the first CHANGES_KEPT changes and the
 * first PROBLEMS_KEPT problems, with the counts of all (everything is in the output files).
 */
import type { OpenOptions } from '../read/open.js';
import { stat } from 'node:fs/promises';
import { CellKind, ReadError, type RawRow } from '../read/table.js';
import type { FieldDef, TableSchema } from '../standards/schema.js';
import type { Standard, StandardInfo } from '../standards/standard.js';
import { streamTable, RowKind, type LoadedRow, type StreamedTable, type TableHead } from './table.js';
import { at, dropRowChange, headChanges, rowLayoutChange } from './layout.js';
import { mapColumns, renameChanges, unmappedColumns, unmappedFields } from './rename.js';
import { interpret } from '../interpret/interpret.js';
import { detectUnpivot } from './unpivot.js';
import { convert, dateEvidence, localeEvidence, type Locale, type ValueContext } from './values.js';
import { AggregatePass } from '../check/aggregate-pass.js';
import { IssueSink } from '../check/sink.js';
import { codeForName, coverageFromTitles, nameForCode, regionBindings, yearFromTitles, type NameLookup, type RegionBinding } from './regions.js';
import { commonParent, sameSpelling, writtenOtherwise } from '../standards/region-names.js';
import { foldRegion } from '../standards/regions.js';
import type { Change, FixProblem } from './types.js';
import type { DateOrder } from '../check/dates.js';
import { derivedRules, recomputeRow } from './recompute.js';
import { insideJurisdiction } from '../check/reference.js';
import { writeFixStreaming, type FixOutputs, type WrittenLog } from './write.js';

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

/** Tidy rows, changes and problems listed in the plan (the report); all of them are in the output files / counts. */
export const ROWS_KEPT = 1000;
export const PROBLEMS_KEPT = 1000;

export interface FixPlan {
  fields: FieldDef[];
  /** The first ROWS_KEPT tidy rows (every row is in the output file); `rowCount` counts them all. */
  rows: string[][];
  rowCount: number;
  /** The first changes of the log (CHANGES_KEPT); `changeCount` counts them all, `byRule` per rule (log order). */
  changes: Change[];
  changeCount: number;
  byRule: Map<string, number>;
  /** The first PROBLEMS_KEPT problems; `problemCount` counts them all. */
  problems: FixProblem[];
  problemCount: number;
  /** Facts for the report. */
  source: { path: string; sheet?: string; format: string; encoding?: string; delimiter?: string };
  cakupan?: string;
  /** Columns holding values that map to no field (not written): letter, label, count of values. */
  unmappedColumns: { column: string; label: string; values: number }[];
  /** The jurisdiction rows were checked against, and how many rows outside it were kept (`--keep-outside`). */
  jurisdiction?: { code: string; kept: number };
}

type Source = { kind: 'column'; col: number } | { kind: 'constant'; value: string; cell: string; rule: 'value-from-title' | 'value-from-option' } | { kind: 'none' };

/** The first `cap` problems and the count of all. */
class Problems {
  readonly list: FixProblem[] = [];
  count = 0;
  push(...ps: FixProblem[]): void {
    for (const p of ps) {
      this.count++;
      if (this.list.length < PROBLEMS_KEPT) this.list.push(p);
    }
  }
}

/** Pass 1: what the whole table shows, bounded (see the file comment). */
interface Evidence {
  /** Per column: number-locale and date-order evidence over data and totals rows. */
  ev: { id: number; en: number; dmy: number; mdy: number }[];
  /** Per column: data rows with a value. */
  filled: number[];
  /** Per name column: its distinct trimmed names in data rows. */
  names: Map<number, Set<string>>;
}

/** Fixes the table at `path` into `dest` and its change log (one unit), returning the (bounded) plan. */
export async function planFix(path: string, standard: Standard | { schema: TableSchema; info?: StandardInfo }, dest: string, opts: FixOptions = {}): Promise<{ plan: FixPlan; log: WrittenLog }> {
  const schema = standard.schema;
  const info = standard.info;
  // pass 1
  const version = await versionOf(path);
  const first = await streamTable(path, opts);
  let setup: Setup;
  let evidence: Evidence;
  try {
    setup = setupPlan(first, schema, info, opts);
    evidence = await gather(first, setup);
  } finally {
    await first.close().catch(() => undefined);
  }
  // pass 2: the same file (a file saved in between would not match what pass 1 saw)
  if (!sameVersion(version, await versionOf(path))) throw new ReadError('source-error', { reason: '@reason.changed-while-read' });
  const second = await streamTable(path, opts);
  try {
    const { result, log } = await writeFixStreaming(dest, schema.fields, async (out) => {
      const r = await convertTable(second, setup, evidence, schema, info, opts, out);
      if (!sameVersion(version, await versionOf(path))) throw new ReadError('source-error', { reason: '@reason.changed-while-read' });
      return r;
    });
    return { plan: { ...result, changes: log.kept, changeCount: log.count, byRule: log.byRule }, log };
  } finally {
    await second.close().catch(() => undefined);
  }
}

/** Size and modification time of the source, to tell that both passes read the same file. */
async function versionOf(path: string): Promise<{ size: number; mtimeMs: number } | null> {
  return stat(path).then((s) => ({ size: s.size, mtimeMs: s.mtimeMs }), () => null);
}

function sameVersion(a: { size: number; mtimeMs: number } | null, b: { size: number; mtimeMs: number } | null): boolean {
  return !!a && !!b && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

interface Setup {
  head: TableHead;
  problems: Problems;
  headChanges: Change[];
  reading: ReturnType<typeof interpret>;
  map: ReturnType<typeof mapColumns>;
  unp: ReturnType<typeof detectUnpivot>;
  unpCols: Set<number>;
  sources: Source[];
  bindings: RegionBinding[];
  fromFile: boolean[];
  dataField: boolean[];
  labelCol: number;
}

/** What the head decides: the reading, the column map, the unpivot, each field's source, the head's changes. */
function setupPlan(t: TableHead, schema: TableSchema, info: StandardInfo | undefined, opts: FixOptions): Setup {
  const sheet = t.info.sheet;
  const fields = schema.fields;
  const problems = new Problems();
  const early: FixProblem[] = [];
  const changes: Change[] = headChanges(t);
  // the one reading of the table `validate` reports against
  const reading = interpret(t.layout, t.sample, t.info, schema);
  const map = mapColumns(t, schema, reading, early);
  const unp = detectUnpivot(t, schema, info, map);
  const unpCols = new Set(unp?.groups.flatMap((g) => g.cells.map((c) => c.col)) ?? []);
  const problem = (p: Omit<FixProblem, 'severity'> & { severity?: FixProblem['severity'] }) => early.push({ severity: 'error', ...(sheet ? { sheet } : {}), ...p });

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
  if (unmapped) early.push(unmapped);
  problems.push(...early);
  // a tidy row with no value from the file (only --set/title constants, the unpivot key, or nothing) is not data
  const dataField = fields.map((_, fi) => sources[fi]!.kind !== 'constant' && !(unp && fi === unp.keyField));

  return { head: t, problems, headChanges: changes, reading, map, unp, unpCols, sources, bindings, fromFile, dataField, labelCol: t.layout.labelCol };
}

/** Pass 1. */
async function gather(t: StreamedTable, s: Setup): Promise<Evidence> {
  const width = t.layout.labels.length;
  const ev = Array.from({ length: width }, () => ({ id: 0, en: 0, dmy: 0, mdy: 0 }));
  const filled = new Array<number>(width).fill(0);
  const nameCols = new Set<number>();
  for (const b of s.bindings) {
    const src = b.nameField >= 0 ? s.sources[b.nameField]! : undefined;
    if (src?.kind === 'column') nameCols.add(src.col);
  }
  const names = new Map([...nameCols].map((c) => [c, new Set<string>()]));
  for await (const batch of t.rows()) {
    for (const { row, kind } of batch) {
      if (kind !== RowKind.Data && kind !== RowKind.Total) continue;
      for (let c = 0; c < width; c++) {
        const raw = row.cells[c] ?? '';
        if (row.kinds?.[c] !== CellKind.Number) {
          const e = ev[c]!;
          const le = localeEvidence(raw);
          if (le === 'id') e.id++;
          else if (le === 'en') e.en++;
          const d = dateEvidence(raw);
          if (d === 'dmy') e.dmy++;
          else if (d === 'mdy') e.mdy++;
        }
        const v = raw.trim();
        if (v === '') continue;
        if (kind === RowKind.Data) {
          filled[c]!++;
          names.get(c)?.add(v);
        }
      }
    }
  }
  return { ev, filled, names };
}

/** Pass 2: every row converted and written. */
async function convertTable(t: StreamedTable, s: Setup, e: Evidence, schema: TableSchema, info: StandardInfo | undefined, opts: FixOptions, out: FixOutputs): Promise<Omit<FixPlan, 'changes' | 'changeCount' | 'byRule'>> {
  const sheet = t.info.sheet;
  const fields = schema.fields;
  const { reading, map, unp, unpCols, sources, bindings, fromFile, dataField, labelCol, problems } = s;
  const log = out.log;
  {
    // the head's changes, as they were made: layout, renames, unpivot, constants
    const head = [...s.headChanges, ...renameChanges(t, schema, map, unpCols, e.filled)];
    const headerRow = t.layout.headerRows.at(-1) ?? 1;
    if (unp) {
      for (const g of unp.groups) {
        for (const { col, field } of g.cells) {
          head.push({ cell: at(sheet, col, headerRow), rule: 'unpivot', old: t.layout.labels[col]!, new: `${fields[unp.keyField]!.name}=${g.key} → ${fields[field]!.name}` });
        }
      }
    }
    for (const src of sources) if (src.kind === 'constant') head.push({ cell: src.cell, rule: src.rule, old: '', new: src.value });
    log.setHead(head);
  }
  // the problems and changes of the row being converted (a formula check looks at its row's problems)
  let rowProblems: FixProblem[] = [];
  let rowChanges: Change[] = [];
  const problem = (p: Omit<FixProblem, 'severity'> & { severity?: FixProblem['severity'] }) => rowProblems.push({ severity: 'error', ...(sheet ? { sheet } : {}), ...p });

  // number locale and date order: per column, else from the whole file
  const ev = e.ev;
  let fileId = t.info.delimiter === ';' ? 1 : 0;
  let fileEn = 0;
  for (const x of ev) { fileId += x.id; fileEn += x.en; }
  const fileLocale: Locale = fileId > 0 && fileEn === 0 ? 'id' : fileEn > 0 && fileId === 0 ? 'en' : null;
  const localeOf = (c: number): Locale => {
    // the column's convention from the Reading; else what the whole column shows
    const n = reading.columns[c]?.number;
    if (n && n.style !== 'plain') return n.style === 'ambiguous' || n.style === 'mixed' ? null : n.groupChar === '.' || n.decimalChar === ',' ? 'id' : 'en';
    const x = ev[c]!;
    if (x.id > 0 && x.en === 0) return 'id';
    if (x.en > 0 && x.id === 0) return 'en';
    if (x.id > 0 && x.en > 0) return null;
    return fileLocale;
  };
  const orderOf = (c: number): DateOrder | null => {
    const x = ev[c]!;
    if (x.dmy > 0 && x.mdy > 0) return null;
    return x.mdy > 0 ? 'mdy' : 'dmy';
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
    if (log && r.rule) rowChanges.push({ cell: at(sheet, col, row.n), rule: r.rule, old: raw, new: r.value });
    return r.value;
  };

  // totals and subtotals are judged as validate judges them (check/aggregate-pass.ts: which rows each one sums,
  // opening or closing, by level, across a layout), then dropped; its findings are fix's problems
  // (its other findings — total-row lines, derived columns — are validate's to report: this sink keeps none)
  const aggSink = new IssueSink(0, sheet);
  const aggregates = new AggregatePass({
    labels: t.layout.labels, labelCol, width: t.layout.width,
    fieldOfColumn: t.layout.labels.map((_, c) => (map.fieldOfColumn[c] ?? -1) >= 0 ? fields[map.fieldOfColumn[c]!]! : null),
    info, delimiter: t.info.delimiter, titles: t.layout.titleRows.map((r) => r.cells.join(' ')),
  }, aggSink);
  /** The totals rows dropped, in order (their change-log lines are settled with their verdicts). */
  const totalRows: number[] = [];
  /** Per totals row: its ratio mismatches (told on its change-log line). */
  const ratioBad = new Map<number, string[]>();
  const ratioCells = new Set<string>();

  const formulas = derivedRules(info, fields, (fi) => (sources[fi]!.kind === 'column' ? (sources[fi] as { col: number }).col : -1));
  const cakupan = opts.cakupan ?? coverageFromTitles(t.layout.titleRows);
  const lookups = new Map<string, NameLookup>();
  // per binding: the column's names (a bare "Bima" beside "Kota Bima") and the area most of them share
  const contexts = new Map<RegionBinding, { siblings: Set<string>; area?: string }>();
  const nameContext = (b: RegionBinding) => {
    let c = contexts.get(b);
    if (!c) {
      const src = b.nameField >= 0 ? sources[b.nameField]! : undefined;
      const names = src?.kind === 'column' ? [...(e.names.get(src.col) ?? [])] : [];
      const area = cakupan || b.level === 'provinsi' ? undefined : commonParent(new Set(names), b.level, '');
      contexts.set(b, (c = { siblings: new Set(names.map(foldRegion)), ...(area ? { area } : {}) }));
    }
    return c;
  };
  const kept: string[][] = [];
  let rowCount = 0;
  const write = (o: string[]) => {
    rowCount++;
    if (kept.length < ROWS_KEPT) kept.push(o);
    out.row(o);
  };
  const jurisdiction = opts.jurisdiction && /^\d{2}(\.\d{2}){0,3}$/.test(opts.jurisdiction) ? opts.jurisdiction : undefined;
  let outsideKept = 0;

  const convertRow = ({ row, kind }: LoadedRow): void => {
    if (kind === RowKind.Total) {
      aggregates.total(row, '');
      totalRows.push(row.n);
      if (formulas.length) {
        const o = fields.map((f, fi) => {
          const src = sources[fi]!;
          return src.kind === 'column' ? convert(row.cells[src.col] ?? '', row.kinds?.[src.col], f, ctx(src.col)) : null;
        }).map((r) => (r && r.ok ? r.value : ''));
        recomputeRow(o, formulas, row, sheet, false, rowChanges, rowProblems, true);
        const ratios = rowProblems.filter((p) => p.code === 'total-ratio-mismatch');
        for (const p of ratios) if (p.cell) ratioCells.add(p.cell);
        if (ratios.length) ratioBad.set(row.n, ratios.map((p) => `${p.field} ${p.params?.value}≠${p.params?.expected}`));
      }
      rowChanges.push(dropRowChange(sheet, row, 'drop-total-row'));
      return;
    }
    if (kind !== RowKind.Data) {
      const c = rowLayoutChange(sheet, row, kind);
      if (c) rowChanges.push(c);
      return;
    }
    // a value beyond the header is not written: it gets its own change-log line, never lost silently
    for (let c = 0; c < row.cells.length; c++) {
      // beyond the header, or in a column without a label that no field takes
      if (c < t.layout.width && (t.layout.labels[c] || map.fieldOfColumn[c] !== -1 || unpCols.has(c))) continue;
      const v = (row.cells[c] ?? '').trim();
      if (v !== '') rowChanges.push({ cell: at(sheet, c, row.n), rule: 'drop-extra-cell', old: v, new: '' });
    }
    aggregates.data(row);
    const base: string[] = fields.map((f, fi) => {
      const src = sources[fi]!;
      if (src.kind === 'column') return convertCell(row, src.col, f, true);
      if (src.kind === 'constant') return src.value;
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
            if (o === outs[0]) rowChanges.push({ cell: at(sheet, codeSrc.col, row.n), rule: 'code-from-bps-name', old: raw, new: hit.code });
          } else if (o === outs[0]) {
            problem({ code: 'fix-ambiguous', params: { value: raw, choices: '@fix.reason.bps-code' }, cell: at(undefined, codeSrc.col, row.n), row: row.n, col: codeSrc.col + 1, field: fields[b.codeField]!.name, value: raw });
          }
          continue;
        }
        if (code === missing && name !== missing && name !== '') {
          let hit = lookups.get(name);
          const nc = nameContext(b);
          if (!hit) lookups.set(name, (hit = codeForName(name, b.level, cakupan, nc.siblings, nc.area)));
          const nameCol = nameSrc?.kind === 'column' ? nameSrc.col : 0;
          if ('code' in hit) {
            o[b.codeField] = hit.code;
            if (o === outs[0]) rowChanges.push({ cell: at(sheet, codeSrc.kind === 'column' ? codeSrc.col : nameCol, row.n), rule: 'code-from-name', old: codeSrc.kind === 'column' ? (row.cells[codeSrc.col] ?? '') : '', new: hit.code });
            if (hit.official && hit.official !== name) {
              o[b.nameField] = hit.official;
              if (o === outs[0]) rowChanges.push({ cell: at(sheet, nameCol, row.n), rule: hit.former ? 'region-name-former' : 'region-name-spelling', old: name, new: hit.official });
            }
          } else if (o === outs[0]) {
            const several = 'choices' in hit;
            problem({ code: several ? 'fix-ambiguous' : 'fix-no-match', params: { value: name, choices: 'choices' in hit ? hit.choices.join('; ') : '', level: b.level }, cell: at(undefined, nameCol, row.n), row: row.n, col: nameCol + 1, field: fields[b.codeField]!.name, value: name });
          }
        } else if (b.nameField >= 0 && name !== missing && name !== '' && code !== missing) {
          // the official spelling of a name equal after folding spaces and punctuation ("Gunung Sari" → Gunungsari),
          // and the current name for a former one (Toba Samosir → Kabupaten Toba)
          const official = nameForCode(code, b.level);
          const other = official && !sameSpelling(name, official) ? writtenOtherwise(code, official, name) : undefined;
          if (official && other) {
            o[b.nameField] = official;
            if (o === outs[0] && nameSrc?.kind === 'column') rowChanges.push({ cell: at(sheet, nameSrc.col, row.n), rule: other === 'former' ? 'region-name-former' : 'region-name-spelling', old: name, new: official });
          }
        } else if (b.nameField >= 0 && (name === missing || name === '') && code !== missing) {
          const found = nameForCode(code, b.level);
          if (found) {
            o[b.nameField] = found;
            const codeCol = codeSrc.kind === 'column' ? codeSrc.col : 0;
            if (o === outs[0]) rowChanges.push({ cell: at(sheet, nameSrc?.kind === 'column' ? nameSrc.col : codeCol, row.n), rule: 'name-from-code', old: '', new: found });
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
          rowChanges.push({ ...dropRowChange(sheet, row, 'drop-outside-jurisdiction'), new: `${outside} ∉ ${jurisdiction}` });
          return;
        }
      }
    }
    if (formulas.length) for (const o of outs) recomputeRow(o, formulas, row, sheet, !!opts.recompute, rowChanges, rowProblems);
    const rowsKept = outs.filter((o) => o.some((v, fi) => dataField[fi] && v !== '' && v !== missing));
    // a data row whose mapped cells are all empty is dropped like a blank row (logged, unless nothing maps at all)
    if (rowsKept.length === 0 && fromFile.some(Boolean)) rowChanges.push(dropRowChange(sheet, row, 'drop-blank-row'));
    for (const o of rowsKept) write(o);
  };

  for await (const batch of t.rows()) {
    for (const r of batch) {
      convertRow(r);
      if (rowProblems.length) problems.push(...rowProblems);
      for (const c of rowChanges) {
        // a totals row's line waits for the result of its check
        if (c.rule === 'drop-total-row') log.addLater(c);
        else log.add(c);
      }
      rowProblems = [];
      rowChanges = [];
    }
    await out.flush();
  }
  // the drop of a totals row is logged with the result of its check (the tidy data holds no totals)
  const verdicts = new Map(aggregates.finish().map((v) => [v.row, v]));
  const bad = new Map<number, string[]>();
  const plain = (x: number) => String(Math.round(x * 1e6) / 1e6);
  for (const f of aggregates.findings) {
    const cell = at(undefined, f.col, f.row);
    // (a ratio the standard's own rule already recomputed on this row is reported once, by that rule)
    if (f.code === 'total-ratio-mismatch' && ratioCells.has(cell)) continue;
    const fi = map.fieldOfColumn[f.col] ?? -1;
    const field = fi >= 0 ? fields[fi]!.name : String(f.params.label);
    const value = String(f.params.value);
    problems.push(f.code === 'total-mismatch'
      ? { code: 'fix-total-mismatch', severity: 'error', params: { row: f.row, field, value, sum: String(f.params.sum), rows: String(f.params.rows) }, cell, row: f.row, col: f.col + 1, field, value, ...(sheet ? { sheet } : {}) }
      : { code: f.code, severity: 'error', params: { ...f.params, label: field }, cell, row: f.row, col: f.col + 1, field, value, ...(sheet ? { sheet } : {}) });
    (bad.get(f.row) ?? bad.set(f.row, []).get(f.row)!).push(`${field} ${plain(f.written)}≠${plain(f.expected)}`);
  }
  log.settle((k) => {
    const n = totalRows[k]!;
    const found = [...(bad.get(n) ?? []), ...(ratioBad.get(n) ?? [])];
    // (unchecked: no numbers or no rows to compare it with, or beyond the aggregate rows a table is checked for)
    return found.length ? `total-mismatch: ${found.join('; ')}` : verdicts.get(n)?.status === 'ok' ? TOTAL_OK : TOTAL_UNCHECKED;
  });
  return {
    fields,
    rows: kept,
    rowCount,
    problems: problems.list,
    problemCount: problems.count,
    source: { path: t.info.path, ...(sheet ? { sheet } : {}), format: t.info.format, ...(t.info.encoding ? { encoding: t.info.encoding } : {}), ...(t.info.delimiter ? { delimiter: t.info.delimiter } : {}) },
    ...(cakupan ? { cakupan } : {}),
    ...(jurisdiction ? { jurisdiction: { code: jurisdiction, kept: outsideKept } } : {}),
    unmappedColumns: unmappedColumns(t, map, unpCols, e.filled),
  };
}

const TOTAL_OK = 'total-ok';
const TOTAL_UNCHECKED = 'total-unchecked';

/** The first region code of a tidy row that lies outside the jurisdiction, if any. */
function outsideCode(o: string[], bindings: RegionBinding[], missing: string, jurisdiction: string): string | undefined {
  for (const b of bindings) {
    const code = o[b.codeField] ?? '';
    if (code === '' || code === missing || !/^\d{2}(\.\d{2}){0,3}$/.test(code)) continue;
    if (!insideJurisdiction(code, jurisdiction)) return code;
  }
  return undefined;
}

