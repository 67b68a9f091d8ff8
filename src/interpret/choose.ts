/**
 * Standard auto-selection: with no --standard/--schema, every catalog standard is scored against the Reading
 * (required fields supplied, value columns mapped, region-code level) and chosen only when clearly best.
 * Conservative: a table with value columns no field takes, or whose required fields are not all supplied,
 * gets no standard forced on it.
 */
import type { Standard } from '../standards/standard.js';
import { primaryKeyOf } from '../standards/schema.js';
import { readWith, type Prepared } from './interpret.js';
import type { Reading, StandardScore } from './reading.js';

export interface Scored {
  standard: Standard;
  reading: Reading;
  score: StandardScore;
  /** Every required field supplied (column, title constant, or derived from a bound region column). */
  complete: boolean;
}

const CLEAR_LEAD = 0.15;
const MIN_SCORE = 0.75;

export function scoreStandard(p: Prepared, standard: Standard): Scored {
  const reading = readWith(p, standard.schema);
  const fields = standard.schema.fields;
  const required = fields.filter((f) => f.constraints?.required === true);
  const supplied = required.filter((f) => !reading.missing.includes(f.name) || reading.derived.includes(f.name)).length;
  const valueCols = reading.columns.filter((c) => c.values > 0 && !c.rowNumber);
  const mapped = valueCols.filter((c) => c.field).length;
  // region codes of another level than the standard's make it a worse fit
  const levelClash = reading.columns.some((c) => {
    if (!c.field || !c.codes?.level) return false;
    const k = fields.find((f) => f.name === c.field)?.['satudata:kode'] as { tingkat?: string } | undefined;
    return k?.tingkat !== undefined && k.tingkat !== c.codes.level;
  });
  const fieldsUsed = reading.columns.filter((c) => c.field).length / Math.max(1, fields.length);
  const raw = (supplied / Math.max(1, required.length)) * 0.5 + (mapped / Math.max(1, valueCols.length)) * 0.35 + fieldsUsed * 0.15;
  const score = Math.round((levelClash ? raw * 0.5 : raw) * 100) / 100;
  return {
    standard,
    reading,
    score: { id: standard.info.id, score, required: `${supplied}/${required.length}`, columns: `${mapped}/${valueCols.length}` },
    complete: supplied === required.length && !levelClash,
  };
}

export interface Selection {
  chosen?: Scored;
  ranked: Scored[];
}

/** Ranks the catalog; `chosen` only when the best supplies every required field, maps the value columns and leads clearly. */
export function selectStandard(p: Prepared, standards: Standard[]): Selection {
  const ranked = standards.map((s) => scoreStandard(p, s)).sort((a, b) => b.score.score - a.score.score);
  const [best, next] = ranked;
  if (!best) return { ranked };
  const valueCols = best.reading.columns.filter((c) => c.values > 0 && !c.rowNumber).length;
  const unmapped = best.reading.columns.filter((c) => c.values > 0 && !c.rowNumber && !c.field).length;
  const clear = best.complete && best.score.score >= MIN_SCORE && unmapped <= Math.floor(valueCols * 0.25) && (!next || best.score.score - next.score.score >= CLEAR_LEAD);
  return { ...(clear ? { chosen: best } : {}), ranked };
}

/**
 * The fields that say what a standard measures: not its key, period or region (a year, a region code and the name
 * that goes with one say where and when, and nearly every standard has them), and not a total its rules add up
 * from other fields (any counts have a `jumlah`).
 */
export function measureFields(standard: Standard): string[] {
  const fields = standard.schema.fields;
  const info = standard.info;
  const not = new Set(primaryKeyOf(standard.schema));
  for (const name of [info.periode, info.wilayah]) if (typeof name === 'string') not.add(name);
  for (const f of fields) {
    const k = f['satudata:kode'] as { nama?: string } | undefined;
    if (k) {
      not.add(f.name);
      if (k.nama) not.add(k.nama);
    }
  }
  for (const rule of (info.aturan as { jenis?: string; total?: string | string[] }[] | undefined) ?? []) {
    if (rule.jenis === 'jumlah') for (const t of [rule.total ?? []].flat()) not.add(t);
  }
  return fields.map((f) => f.name).filter((n) => !not.has(n));
}

/**
 * Whether a standard that does not fit may still be named "closest": the table holds at least one of the fields
 * that say what it measures (a table sharing only a year, a kabupaten column or a lone total with it is other data).
 */
export function sharesTopic(s: Scored): boolean {
  const mapped = new Set(s.reading.columns.map((c) => c.field).filter((f): f is string => !!f));
  return measureFields(s.standard).some((m) => mapped.has(m));
}
