/**
 * Value rules: Indonesian numbers (`1.234,5`), `Rp`/`%`, missing-value markers, float years and codes,
 * Excel serial and Indonesian-month dates, codes glued to names. A cell whose reading depends on a
 * decision nothing in the file makes (`900.545`) is not guessed: it is returned as ambiguous.
 */
import { CellKind } from '../read/table.js';
import type { FieldDef } from '../standards/schema.js';
import { classifyNumber, NumStyle, valueOf } from '../check/numbers.js';
import { excelSerialToIso, isIsoDate, parseLooseDate, slashParts, type DateOrder } from '../check/dates.js';
import { MISSING_MARKERS } from '../read/words.js';
import { normaliseCode } from '../standards/regions.js';
import type { FixRule } from './types.js';

export type Locale = 'id' | 'en' | null;

export interface ValueContext {
  /** Number locale decided for the column (or the file), null when nothing decides it. */
  locale: Locale;
  /** Date order decided for the column; null when D/M and M/D both occur. */
  dateOrder: DateOrder | null;
  /** What `-` means: missing (default) or zero (`--dash nol`). */
  dash: 'missing' | 'zero';
  /** Text written for a missing value (the standard's first missingValue). */
  missing: string;
  dateSystem: 1900 | 1904;
  /** The Reading says the column holds a few repeated words (ADA / TIDAK ADA): they are data, never blanked. */
  category?: boolean;
  /** The Reading says the column holds BPS codes: never turned into Kemendagri codes by inserting dots. */
  bps?: boolean;
}

export type Converted =
  | { ok: true; value: string; rule?: FixRule }
  | { ok: false; reason: 'ambiguous-number' | 'ambiguous-date' | 'not-integer' | 'bps-code' | 'not-number' | 'not-year' };

const DASHES = new Set(['-', '–', '—', '--']);
const GLUED = /^\s*(\d{1,4})\.\s*(\S.*?)\s*$/;

/** Evidence a cell text gives about the number locale. */
export function localeEvidence(text: string): 'id' | 'en' | null {
  const { style } = classifyNumber(text);
  switch (style) {
    case NumStyle.CommaDecimal:
    case NumStyle.IdFull:
    case NumStyle.DotGroups:
      return 'id';
    case NumStyle.CommaGroups:
    case NumStyle.UsFull:
      return 'en';
    default:
      return null;
  }
}

/** Evidence a cell gives about D/M vs M/D order. */
export function dateEvidence(text: string): DateOrder | null {
  const s = slashParts(text);
  if (!s) return null;
  if (s[0] > 12 && s[1] <= 12) return 'dmy';
  if (s[1] > 12 && s[0] <= 12) return 'mdy';
  return null;
}

function isNumericField(f: FieldDef): boolean {
  return f.type === 'integer' || f.type === 'number';
}

export function isCodeField(f: FieldDef): boolean {
  const k = f['satudata:kode'] as { daftar?: string } | undefined;
  return k?.daftar === 'wilayah';
}

/** Converts one cell for a field. Returns the canonical text and the rule that changed it (none when unchanged). */
export function convert(raw: string, kind: CellKind | undefined, field: FieldDef, ctx: ValueContext): Converted {
  const trimmed = raw.trim();
  const trimRule: FixRule | undefined = trimmed !== raw ? 'trim' : undefined;
  if (trimmed === '') return { ok: true, value: ctx.missing, ...(raw !== ctx.missing ? { rule: 'trim' as const } : {}) };
  const lower = trimmed.toLowerCase();
  // a value the standard allows, or a category word of the column, is data
  const allowed = field.constraints?.enum?.some((v) => String(v) === trimmed) === true || ctx.category === true;
  if (!allowed && MISSING_MARKERS.has(lower) && !(field.type === 'string' && lower === 'x')) {
    if (ctx.dash === 'zero' && DASHES.has(trimmed) && isNumericField(field)) return { ok: true, value: '0', rule: 'dash-zero' };
    return { ok: true, value: ctx.missing, rule: 'missing-marker' };
  }
  const type = field.type ?? 'string';
  if (type === 'integer' || type === 'number') {
    if (kind === CellKind.Number) {
      const n = Number(trimmed);
      if (type === 'integer' && !Number.isInteger(n)) return { ok: false, reason: 'not-integer' };
      return done(String(n), raw, trimRule);
    }
    const c = classifyNumber(trimmed);
    // text that is no number ("76 unit") is not guessed: it is listed, never passed on silently
    if (c.style === NumStyle.NotNumber) return { ok: false, reason: 'not-number' };
    if ((c.style === NumStyle.AmbiguousDot || c.style === NumStyle.AmbiguousComma) && ctx.locale === null) return { ok: false, reason: 'ambiguous-number' };
    const n = valueOf(c.core, c.style, ctx.locale === 'id');
    if (!Number.isFinite(n)) return { ok: true, value: trimmed };
    if (type === 'integer' && !Number.isInteger(n)) return { ok: false, reason: 'not-integer' };
    const value = String(n);
    if (value === raw) return { ok: true, value };
    const rule: FixRule = c.decorated ? 'number-decor'
      : c.style === NumStyle.Integer ? 'trim'
      : c.style === NumStyle.DotDecimal && /\.0+$/.test(c.core) ? 'number-float'
      : c.style === NumStyle.DotDecimal ? 'trim'
      : c.style === NumStyle.CommaGroups || c.style === NumStyle.UsFull || (c.style === NumStyle.AmbiguousComma && ctx.locale === 'en') ? 'number-en'
      : c.style === NumStyle.AmbiguousDot && ctx.locale === 'en' ? 'trim'
      : 'number-id';
    return { ok: true, value, rule };
  }
  if (type === 'year') {
    const m = /^(\d{4})(?:\.0+)?$/.exec(trimmed);
    if (m) return done(m[1]!, raw, m[1] !== trimmed ? 'year-float' : trimRule);
    return { ok: false, reason: 'not-year' };
  }
  if (type === 'date') {
    if (kind === CellKind.Date) return done(trimmed.slice(0, 10), raw, 'date-serial');
    if (kind === CellKind.Number || /^\d{4,5}(\.\d+)?$/.test(trimmed)) {
      const iso = excelSerialToIso(Number(trimmed), ctx.dateSystem);
      if (iso) return done(iso, raw, 'date-serial');
    }
    if (isIsoDate(trimmed)) return done(trimmed, raw, trimRule);
    const s = slashParts(trimmed);
    if (s && s[0] <= 12 && s[1] <= 12 && s[0] !== s[1] && ctx.dateOrder === null) return { ok: false, reason: 'ambiguous-date' };
    const iso = parseLooseDate(trimmed.replace(/^[A-Za-z]+,\s*/, ''), ctx.dateOrder ?? 'dmy');
    if (iso) return done(iso, raw, 'date-id');
    return { ok: true, value: trimmed, ...(trimRule ? { rule: trimRule } : {}) };
  }
  if (type === 'string' && isCodeField(field)) {
    if (ctx.bps && !/^\d{2}(\.\d{2}){1,3}$/.test(trimmed)) return { ok: false, reason: 'bps-code' };
    const n = normaliseCode(trimmed);
    if (n && n.code !== trimmed) return done(n.code, raw, n.form === 'float' ? 'code-float' : 'code-undotted');
    return done(trimmed, raw, trimRule);
  }
  if (type === 'string') {
    const g = GLUED.exec(trimmed);
    if (g && /[A-Za-z]/.test(g[2]!.charAt(0))) return done(g[2]!, raw, 'split-glued-code');
    const collapsed = trimmed.replace(/\s+/g, ' ');
    return done(collapsed, raw, collapsed !== trimmed ? 'trim' : trimRule);
  }
  return done(trimmed, raw, trimRule);
}

function done(value: string, raw: string, rule: FixRule | undefined): Converted {
  return value === raw ? { ok: true, value } : { ok: true, value, rule: rule ?? 'trim' };
}
