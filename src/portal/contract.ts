/**
 * The contract between `satudata push` (what it writes on a portal) and `satudata report` (what it reads back),
 * written down in docs/portal.md "Push → report contract". One module, imported by both sides, so the keys
 * cannot drift apart:
 * - dataset `name` = the package name; extras (or top-level keys with ckanext-scheming) `satudata_item`
 *   (registry id), `periode_awal` / `periode_akhir` (the periods, every period between them),
 *   `satudata_validated_at` (UTC ISO instant of the validation), `satudata_valid` / `satudata_errors`;
 * - the resource named `data` dates the publication (`last_modified`, else `created`);
 * - a dataset counts as published only when it is public (`private` false) and `state` is active.
 * CKAN timestamps are UTC without a zone (`2026-12-02T16:39:09.875688`); every date the report shows is the
 * WITA (UTC+8) calendar date of the instant.
 */

export const EXTRA_ITEM = 'satudata_item';
export const EXTRA_VALIDATED_AT = 'satudata_validated_at';
export const EXTRA_VALID = 'satudata_valid';
export const EXTRA_ERRORS = 'satudata_errors';
/** Resource name of the tidy data file (its dates are the publication dates). */
export const DATA_RESOURCE = 'data';

const WITA_MS = 8 * 3600 * 1000;

/**
 * The WITA (UTC+8) date `YYYY-MM-DD` of a timestamp. A bare date is kept; a timestamp with a zone (`Z`,
 * `+07:00`) is converted; a timestamp without a zone is UTC (CKAN's convention). Undefined when unreadable.
 */
export function witaDate(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const s = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (!m) return undefined;
  const zone = m[6] === undefined || m[6].toUpperCase() === 'Z' ? 'Z' : m[6].length === 5 ? `${m[6].slice(0, 3)}:${m[6].slice(3)}` : m[6];
  const ms = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}${(m[5] ?? '').slice(0, 4)}${zone}`);
  if (!Number.isFinite(ms)) return undefined;
  return new Date(ms + WITA_MS).toISOString().slice(0, 10);
}

/** A period key: `2023`, `2023-03`, `2023-Q2`, `2023-S1` → [year, index, per-year count]. */
function periodParts(p: string): [number, number, number, string] | null {
  const s = p.trim().toUpperCase();
  let m = /^(\d{4})$/.exec(s);
  if (m) return [Number(m[1]), 0, 1, ''];
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(s);
  if (m) return [Number(m[1]), Number(m[2]) - 1, 12, 'M'];
  m = /^(\d{4})-Q([1-4])$/.exec(s);
  if (m) return [Number(m[1]), Number(m[2]) - 1, 4, 'Q'];
  m = /^(\d{4})-S([12])$/.exec(s);
  if (m) return [Number(m[1]), Number(m[2]) - 1, 2, 'S'];
  return null;
}

/**
 * Every period from `a` to `b` (same granularity: years, months, quarters or semesters), at most 400;
 * otherwise the last one given (or `tanpa-periode`). Push records these in the ledger; the report reads
 * the same list from the dataset's extras.
 */
export function periodsBetween(a: string | undefined, b: string | undefined): string[] {
  const pa = a ? periodParts(a) : null;
  const pb = b ? periodParts(b) : null;
  if (pa && pb && pa[2] === pb[2]) {
    const n = pa[2];
    const start = pa[0] * n + pa[1];
    const end = pb[0] * n + pb[1];
    if (end >= start && end - start < 400) {
      return Array.from({ length: end - start + 1 }, (_, i) => {
        const k = start + i;
        const y = Math.floor(k / n), idx = k % n;
        return pa[3] === '' ? String(y) : pa[3] === 'M' ? `${y}-${String(idx + 1).padStart(2, '0')}` : `${y}-${pa[3]}${idx + 1}`;
      });
    }
  }
  const last = (b ?? a)?.trim();
  return [last ? last.toUpperCase() : 'tanpa-periode'];
}
