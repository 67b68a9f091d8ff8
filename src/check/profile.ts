/**
 * Column profiles for columns without a schema field (every column when no schema is given):
 * infers the type and finds Indonesian value defects that need the whole column to judge —
 * decimal comma vs thousand dots, ambiguous numbers, currency text, missing markers, numbers as
 * text, codes as floats, codes glued to names, US dates.
 */
import { CellKind, columnLetter, cellAddress, type RawRow } from '../read/table.js';
import type { ColumnSummary } from '../report/issue.js';
import type { IssueSink } from './sink.js';
import { classifyNumber, NumStyle } from './numbers.js';
import { slashParts, isIsoDate, parseLooseDate } from './dates.js';
import { BPS_LABEL, MISSING_MARKERS, YEAR_TOKEN } from '../read/words.js';
import { detach } from './detach.js';
import type { ColumnReading } from '../interpret/reading.js';
import { looksLikeBps } from '../standards/regions.js';

interface Example {
  value: string;
  row: number;
  line?: number;
}

const GLUED = /^(\d{1,4})\.\s+(\p{L}[\p{L} .'-]*)$/u;
const CODE_LABEL = /^(kode|code|id|no|nomor|tahun|year)([\s_.]|$)|[\s_](kode|code|id)$/i;

export class ColumnProfile {
  nonEmpty = 0;
  private styles = new Uint32Array(10);
  private styleExample: (Example | undefined)[] = [];
  private markers = new Map<string, { count: number; first: Example }>();
  private decorated = 0;
  private decoratedExample?: Example;
  private textNumbers = 0;
  private textNumberExample?: Example;
  private floatCodes: Example[] = [];
  private floatCount = 0;
  private gluedExample: Example | undefined;
  private gluedCount = 0;
  private dmyProof = 0;
  private mdyProof = 0;
  private slashDates = 0;
  private slashExample?: Example;
  private isoDates = 0;
  private namedDates = 0;
  private kinds = new Uint32Array(6);
  /** Numeric workbook cells with a fraction (74.71): real numbers, so no number-style evidence, but not integers. */
  private fractions = 0;
  private text = 0;
  private years = 0;
  private example?: string;
  private readonly codeLike: boolean;
  private bpsCount = 0;
  private bpsExample?: Example;

  /** `bps`: the Reading found BPS region codes in this column (no standard checks it): every such cell is counted. */
  constructor(
    readonly index: number,
    readonly label: string,
    private readonly bps = false,
  ) {
    this.codeLike = CODE_LABEL.test(label);
  }

  add(raw: string, kind: CellKind | undefined, row: RawRow): void {
    if (raw === '') return;
    const t = raw.trim();
    if (t === '') return;
    this.nonEmpty++;
    this.example ??= detach(t);
    const k = kind ?? CellKind.String;
    this.kinds[k]++;
    if (k === CellKind.Number) {
      // A workbook number is a real number whose text is canonical JS (`String(value)`): its "." is a decimal
      // point, never a thousand dot, so it is judged by value and never enters the text number styles.
      if (/^(19|20)\d{2}$/.test(raw)) this.years++;
      else if (!Number.isInteger(Number(raw))) this.fractions++;
      return;
    }
    if (k !== CellKind.String) return;
    const ex = (): Example => ({ value: detach(raw), row: row.n, line: row.line });
    if (this.bps && looksLikeBps(t)) {
      this.bpsCount++;
      this.bpsExample ??= ex();
    }
    const lower = t.toLowerCase();
    if (MISSING_MARKERS.has(lower)) {
      const m = this.markers.get(t);
      if (m) m.count++;
      else this.markers.set(detach(t), { count: 1, first: ex() });
      return;
    }
    const cls = classifyNumber(raw);
    if (cls.style !== NumStyle.NotNumber) {
      this.styles[cls.style]++;
      if (!this.styleExample[cls.style]) this.styleExample[cls.style] = ex();
      if (cls.decorated) {
        this.decorated++;
        this.decoratedExample ??= ex();
      }
      if (kind === CellKind.String || cls.padded || raw.startsWith("'")) {
        this.textNumbers++;
        this.textNumberExample ??= ex();
      }
      if (this.codeLike && /^\d+\.0+$/.test(cls.core)) {
        this.floatCount++;
        if (this.floatCodes.length < 1) this.floatCodes.push(ex());
      }
      if (/^(19|20)\d{2}(\.0)?$/.test(cls.core)) this.years++;
      return;
    }
    if (t.startsWith("'") && classifyNumber(t.slice(1)).style !== NumStyle.NotNumber) {
      this.textNumbers++;
      this.textNumberExample ??= ex();
      return;
    }
    this.text++;
    const g = GLUED.exec(t);
    if (g) {
      this.gluedCount++;
      this.gluedExample ??= ex();
    }
    const parts = slashParts(t);
    if (parts) {
      this.slashDates++;
      this.slashExample ??= ex();
      if (parts[0] > 12) this.dmyProof++;
      if (parts[1] > 12) this.mdyProof++;
    } else if (isIsoDate(t)) this.isoDates++;
    else if (parseLooseDate(t)) this.namedDates++;
  }

  /** Unambiguous evidence of Indonesian (comma decimal, dot groups) and international number styles. */
  evidence(): { id: number; en: number } {
    const s = this.styles;
    return {
      id: s[NumStyle.CommaDecimal]! + s[NumStyle.DotGroups]! + s[NumStyle.IdFull]!,
      en: s[NumStyle.DotDecimal]! + s[NumStyle.CommaGroups]! + s[NumStyle.UsFull]!,
    };
  }

  /**
   * Emits the column's issues and returns its summary. `fileLocale` is what the other columns (and a `;`
   * delimiter, Excel's choice where the comma is the decimal mark) prove about the whole file: it settles
   * a column whose numbers are all ambiguous, and the decision is reported, never silent.
   */
  finish(sink: IssueSink, reading?: ColumnReading): ColumnSummary {
    const s = this.styles;
    const col = this.index;
    const field = this.label || columnLetter(col);
    const at = (e: Example) => ({ row: e.row, line: e.line, col, field, value: e.value });
    const numbers = s.reduce((a, b) => a + b, 0);
    // how the numbers are written was decided once for the column by the Reading (interpret/conventions.ts)
    const style = reading?.number?.style;
    const own = this.evidence();
    const numberStyle = numbers === 0 ? undefined
      : !style || style === 'plain' ? (own.en > 0 && own.id === 0 ? 'en' : own.id > 0 && own.en === 0 ? 'id' : 'plain')
      : style === 'ambiguous' ? 'ambiguous' : style === 'mixed' ? 'mixed'
      : reading!.number!.groupChar === '.' || reading!.number!.decimalChar === ',' ? 'id' : 'en';
    if (numbers > 0) {
      if (this.decoratedExample) sink.add('currency-string', { value: this.decoratedExample.value.trim(), count: this.decorated }, at(this.decoratedExample));
      // (region codes written as text are right: a code is an identifier, not a quantity)
      if (this.textNumberExample && !reading?.codes) sink.add('number-as-text', { value: this.textNumberExample.value, count: this.textNumbers }, at(this.textNumberExample));
    }
    if (this.floatCodes.length) {
      const f = this.floatCodes[0]!;
      sink.add('code-as-float', { suggestion: f.value.trim().replace(/\.0+$/, ''), count: this.floatCount }, at(f));
    }
    // BPS codes in a column no standard checks: one warning with the count of every such cell — unless the column's
    // own label says it holds BPS codes (kode_bps beside kode_kemendagri is the recommended way to keep them)
    if (this.bpsExample && !BPS_LABEL.test(this.label)) {
      sink.add('bps-code', { code: this.bpsExample.value.trim(), count: this.bpsCount, evidence: '@reading.bps-evidence' }, at(this.bpsExample), 'warning');
    }
    // once per column, at its first such cell, with how many cells do it
    if (this.gluedExample) {
      const g = this.gluedExample;
      const m = GLUED.exec(g.value.trim())!;
      sink.add('code-glued-to-name', { code: m[1]!, name: m[2]!.replace(/\s+/g, ' '), count: this.gluedCount }, at(g));
    }
    const numericish = numbers + this.kinds[CellKind.Number]!;
    for (const [value, m] of this.markers) {
      // A lone "x" or "-" in a text column is text, not a placeholder; elsewhere it stands for a value.
      if ((value === 'x' || value === 'X') && numericish === 0) continue;
      // a column of a few repeated words (ADA / TIDAK ADA): the words are data
      if (reading?.category) continue;
      sink.add('missing-marker', { value, count: m.count, cell: cellAddress(col, m.first.row) }, at(m.first));
    }
    if (this.slashDates > 0 && this.slashExample) {
      const ex = this.slashExample;
      if (this.mdyProof > 0 && this.dmyProof === 0) {
        sink.add('us-date', { value: ex.value, iso: parseLooseDate(ex.value, 'mdy') ?? '' }, at(ex));
      } else if (this.mdyProof === 0 && this.dmyProof === 0) {
        sink.add('ambiguous-date', { value: ex.value }, at(ex));
      }
    }
    return {
      index: col,
      letter: columnLetter(col),
      label: this.label,
      type: this.inferType(numbers),
      nonEmpty: this.nonEmpty,
      ...(numberStyle && numberStyle !== 'plain' ? { numberStyle } : {}),
      ...(this.example !== undefined ? { example: this.example } : {}),
    };
  }

  private inferType(numbers: number): string {
    const n = this.nonEmpty - [...this.markers.values()].reduce((a, m) => a + m.count, 0);
    if (n <= 0) return this.nonEmpty ? 'kosong' : 'kosong';
    const numeric = numbers + this.kinds[CellKind.Number]!;
    if (this.years === n && YEAR_TOKEN.test(this.example ?? '')) return 'year';
    if (this.codeLike && numeric === n) return 'code';
    if (numeric === n) {
      const s = this.styles;
      const decimals = s[NumStyle.DotDecimal]! + s[NumStyle.CommaDecimal]! + s[NumStyle.IdFull]! + s[NumStyle.UsFull]! + this.fractions;
      return decimals > 0 ? 'number' : 'integer';
    }
    if (this.kinds[CellKind.Date]! + this.isoDates + this.slashDates + this.namedDates === n) return 'date';
    if (this.kinds[CellKind.Boolean] === n) return 'boolean';
    return 'string';
  }
}
