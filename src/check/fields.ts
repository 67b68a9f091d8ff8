/**
 * Compiles each Table Schema field into one checking function, built once before the row loop:
 * missing values, type cast (with Indonesian-aware hints), constraints and uniqueness.
 */
import { CellKind, cellAddress, type RawRow } from '../read/table.js';
import type { FieldDef, MissingValue, TableSchema } from '../standards/schema.js';
import type { IssueSink } from './sink.js';
import { classifyNumber, NumStyle, parseNumber, parsePlainInteger, parsePlainNumber } from './numbers.js';
import { compileDatePattern, excelSerialToIso, isIsoDate, isIsoDatetime, parseLooseDate } from './dates.js';
import { MISSING_MARKERS } from '../read/words.js';
import { KeyIndex } from './key-index.js';
import { detach } from './detach.js';

/** Returned for a cell: the key used for uniqueness/primary keys, null when missing, undefined when invalid. */
export type CellKey = string | null | undefined;

export type FieldCheck = (raw: string, kind: CellKind | undefined, row: RawRow, col: number) => CellKey;

type Parsed = number | string | boolean;
const FAIL = Symbol('fail');
type Parser = (raw: string, kind: CellKind | undefined) => Parsed | typeof FAIL;

const DEFAULT_TRUE = ['true', 'True', 'TRUE', '1'];
const DEFAULT_FALSE = ['false', 'False', 'FALSE', '0'];

function missingSet(values: MissingValue[] | undefined): Set<string> {
  return new Set((values ?? ['']).map((v) => (typeof v === 'string' ? v : v.value)));
}

export interface CompiledField {
  field: FieldDef;
  check: FieldCheck;
  /** Called after the last row: issues that need the whole column (ambiguous numbers). */
  finish(): void;
  /** Whole-column state, for merging the shards of a file validated in parallel (unique fields do not shard). */
  shardState(): FieldShardState;
  absorb(state: FieldShardState): void;
  /** The field keeps every value (unique constraint): files with such fields are not sharded. */
  keepsValues: boolean;
}

export interface FieldShardState {
  /** Codes stored as floats (3201.0): reported once per column with their count. */
  floatCodes: number;
  floatFirst?: { row: number; col: number; line?: number; value: string };
  markers?: number;
  markerFirst?: { row: number; col: number; line?: number; value: string };
}

/** How the Reading says the column's number texts are written (interpret/conventions.ts). */
export interface ColumnConvention {
  decimalChar?: string;
  groupChar?: string;
  /** Placeholders the column uses for missing values (`-`, `...`): read as missing, reported once. */
  markers?: string[];
}

export function compileField(field: FieldDef, schema: TableSchema, sink: IssueSink, dateSystem: 1900 | 1904, needKey = true, convention?: ColumnConvention): CompiledField {
  const type = field.type ?? 'string';
  const name = field.name;
  const missing = missingSet(field.missingValues ?? schema.missingValues);
  const c = field.constraints ?? {};
  const required = c.required === true;
  const integer = type === 'integer';
  // the field's own declaration wins; else the column's convention from the Reading
  const fmt = {
    decimalChar: field.decimalChar ?? convention?.decimalChar ?? '.',
    groupChar: field.groupChar ?? convention?.groupChar ?? '',
    bareNumber: field.bareNumber ?? true,
  };
  const trueValues = new Set(field.trueValues ?? DEFAULT_TRUE);
  const falseValues = new Set(field.falseValues ?? DEFAULT_FALSE);
  const datePattern = type === 'date' && field.format && field.format !== 'default' && field.format !== 'any' ? compileDatePattern(field.format) : null;
  const looseDates = field.format === 'any';

  // plain number texts (no group separator, a decimal point): the parse is parsePlainInteger / parsePlainNumber
  const plain = fmt.decimalChar === '.' && !fmt.groupChar && fmt.bareNumber;
  let parse: Parser;
  switch (type) {
    case 'integer':
    case 'number': {
      parse = (raw, kind) => {
        const n = kind === CellKind.Number ? Number(raw)
          : plain ? (integer ? parsePlainInteger(raw) : parsePlainNumber(raw))
          : parseNumber(raw, fmt, integer);
        if (Number.isNaN(n) || (integer && !Number.isInteger(n))) return FAIL;
        return n;
      };
      break;
    }
    case 'boolean':
      parse = (raw) => (trueValues.has(raw) ? true : falseValues.has(raw) ? false : FAIL);
      break;
    case 'year':
      parse = (raw) => (/^\d{4}$/.test(raw) ? Number(raw) : FAIL);
      break;
    case 'yearmonth':
      parse = (raw) => (/^\d{4}-(0[1-9]|1[0-2])$/.test(raw) ? raw : FAIL);
      break;
    case 'date':
      parse = (raw, kind) => {
        if (kind === CellKind.Date) return raw.slice(0, 10);
        if (kind === CellKind.Number) return excelSerialToIso(Number(raw), dateSystem) ?? FAIL;
        if (datePattern) return datePattern(raw) ?? FAIL;
        if (isIsoDate(raw)) return raw;
        if (looseDates) return parseLooseDate(raw) ?? FAIL;
        return FAIL;
      };
      break;
    case 'datetime':
      parse = (raw, kind) => (kind === CellKind.Date || isIsoDatetime(raw) ? raw : FAIL);
      break;
    case 'time':
      parse = (raw) => (/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(raw) ? raw : FAIL);
      break;
    default:
      parse = (raw) => raw;
  }

  const min = c.minimum !== undefined ? boundOf(c.minimum, type) : undefined;
  const max = c.maximum !== undefined ? boundOf(c.maximum, type) : undefined;
  const xmin = c.exclusiveMinimum !== undefined ? boundOf(c.exclusiveMinimum, type) : undefined;
  const xmax = c.exclusiveMaximum !== undefined ? boundOf(c.exclusiveMaximum, type) : undefined;
  const pattern = c.pattern !== undefined ? new RegExp(`^(?:${c.pattern})$`, 'u') : undefined;
  const enumSet = c.enum ? new Set(c.enum.map((v) => String(v))) : undefined;
  const hasConstraints = min !== undefined || max !== undefined || xmin !== undefined || xmax !== undefined ||
    pattern !== undefined || enumSet !== undefined || c.minLength !== undefined || c.maxLength !== undefined;
  const unique = c.unique === true ? new KeyIndex() : null;
  const uniqueLines = new Map<number, number>();
  let uniqueCol = -1;
  const codeLike = type === 'string' && /(^|_)(kode|code|id)(_|$)/i.test(name);
  // codes stored as floats: counted, reported once for the column
  let floatCodes = 0;
  let floatFirst: FieldShardState['floatFirst'];

  const constraintError = (constraint: string, limit: string | number, raw: string, row: RawRow, col: number): void => {
    const example: Record<string, string> = constraint === 'pattern' && field.example !== undefined ? { example: String(field.example) } : {};
    sink.add('constraint-error', { constraint, limit: String(limit), constraintHint: `@hint.c.${constraint}`, ...example }, { row: row.n, line: row.line, col, field: name, value: raw });
  };

  const onlyEmptyMissing = missing.size === 1 && missing.has('');
  const markers = convention?.markers?.length ? new Set(convention.markers) : null;
  let markerCount = 0;
  let markerFirst: { row: number; col: number; line?: number; value: string } | undefined;
  const check: FieldCheck = (raw, kind, row, col) => {
    if (onlyEmptyMissing ? raw === '' : missing.has(raw)) {
      if (required) constraintError('required', 'true', raw, row, col);
      return null;
    }
    if (markers !== null && markers.has(raw.trim()) && !enumSet?.has(raw.trim())) {
      markerCount++;
      markerFirst ??= { row: row.n, col, line: row.line, value: detach(raw.trim()) };
      if (required) constraintError('required', 'true', raw, row, col);
      return null;
    }
    const v = parse(raw, kind);
    if (v === FAIL) {
      if (sink.open) sink.add('type-error', typeParams(type, field.format, raw, fmt), { row: row.n, line: row.line, col, field: name, value: raw });
      else sink.add('type-error', undefined, undefined);
      return undefined;
    }
    if (codeLike && raw.length > 2 && raw.charCodeAt(raw.length - 1) === 48 && /^\d+\.0+$/.test(raw)) {
      floatCodes++;
      floatFirst ??= { row: row.n, col, line: row.line, value: detach(raw) };
    }
    if (hasConstraints) {
      if (typeof v === 'number' || type === 'date' || type === 'year' || type === 'yearmonth' || type === 'datetime') {
        if (min !== undefined && v < min) constraintError('minimum', String(c.minimum), raw, row, col);
        else if (max !== undefined && v > max) constraintError('maximum', String(c.maximum), raw, row, col);
        if (xmin !== undefined && v <= xmin) constraintError('exclusiveMinimum', String(c.exclusiveMinimum), raw, row, col);
        else if (xmax !== undefined && v >= xmax) constraintError('exclusiveMaximum', String(c.exclusiveMaximum), raw, row, col);
      }
      if (typeof v === 'string') {
        if (c.minLength !== undefined && v.length < c.minLength) constraintError('minLength', c.minLength, raw, row, col);
        else if (c.maxLength !== undefined && v.length > c.maxLength) constraintError('maxLength', c.maxLength, raw, row, col);
        if (pattern && !pattern.test(v)) constraintError('pattern', c.pattern!, raw, row, col);
      }
      if (enumSet && !enumSet.has(String(v))) constraintError('enum', c.enum!.join(', '), raw, row, col);
    }
    if (!needKey && !unique) return '';
    // a plain integer text is its own key (no leading zero or sign to normalise): no number→string allocation
    // (under a plain format, v is parsePlainInteger(raw) already)
    const key = typeof v === 'string' ? v : integer && kind === undefined && raw.charCodeAt(0) > 48 && raw.charCodeAt(0) <= 57 && (plain || parsePlainInteger(raw) === v) ? raw : String(v);
    if (unique) {
      uniqueCol = col;
      unique.addKey(key, row.n);
      if (row.line !== undefined && row.line !== row.n) uniqueLines.set(row.n, row.line);
    }
    return key;
  };

  return {
    field,
    check,
    keepsValues: unique !== null,
    shardState: () => ({ floatCodes, ...(floatFirst ? { floatFirst } : {}), markers: markerCount, ...(markerFirst ? { markerFirst } : {}) }),
    absorb(state) {
      floatCodes += state.floatCodes;
      floatFirst ??= state.floatFirst;
      markerCount += state.markers ?? 0;
      markerFirst ??= state.markerFirst;
    },
    finish() {
      if (unique) {
        for (const d of unique.duplicates()) sink.add('unique-error', { first: d.first }, { row: d.row, line: uniqueLines.get(d.row), col: uniqueCol, field: name, value: d.value });
      }
      if (markerFirst) {
        const m = markerFirst;
        sink.add('missing-marker', { value: m.value, count: markerCount, cell: cellAddress(m.col, m.row) }, { row: m.row, line: m.line, col: m.col, field: name, value: m.value });
      }
      if (floatFirst) {
        const a = floatFirst;
        sink.add('code-as-float', { suggestion: a.value.slice(0, a.value.indexOf('.')), count: floatCodes }, { row: a.row, line: a.line, col: a.col, field: name, value: a.value });
      }
    },
  };
}

function boundOf(v: number | string, type: string): number | string {
  if (type === 'number' || type === 'integer' || type === 'year') return Number(v);
  return String(v);
}

/** Params of a type-error, with a hint chosen from what the text looks like. */
function typeParams(type: string, format: string | undefined, raw: string, fmt: { decimalChar: string; groupChar: string }): Record<string, string> {
  const p: Record<string, string> = { type: `@type.${type}`, typeHint: `@hint.t.${type}` };
  const t = raw.trim();
  if (MISSING_MARKERS.has(t.toLowerCase())) {
    p.typeHint = '@hint.t.marker';
    return p;
  }
  if (type === 'integer' || type === 'number' || type === 'year') {
    const cls = classifyNumber(raw);
    if (/^\d+\.0+$/.test(t)) p.typeHint = '@hint.t.float-code';
    else if (cls.decorated) p.typeHint = '@hint.t.bare-number';
    else if (cls.padded && cls.style !== NumStyle.NotNumber) p.typeHint = '@hint.t.padded';
    else if (cls.style === NumStyle.DotGroups || cls.style === NumStyle.IdFull) p.typeHint = fmt.groupChar ? '@hint.t.number' : '@hint.t.group-dot';
    else if (cls.style === NumStyle.CommaDecimal || cls.style === NumStyle.AmbiguousComma) p.typeHint = '@hint.t.decimal-comma';
    else if (type === 'integer' && (cls.style === NumStyle.DotDecimal || cls.style === NumStyle.AmbiguousDot)) p.typeHint = '@hint.t.integer-decimal';
  } else if (type === 'date') {
    const iso = parseLooseDate(t);
    if (iso) {
      p.typeHint = '@hint.t.date-iso';
      p.iso = iso;
    }
    if (format) p.format = format;
  }
  return p;
}
