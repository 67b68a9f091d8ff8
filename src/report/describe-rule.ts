/**
 * Says what a Table Schema constraint means, in words an OPD officer reads: "harus berbentuk 52.01.01: dua angka,
 * titik, dua angka, …" instead of "pattern = \d{2}\.\d{2}". A regular expression is described piece by piece when it
 * uses only the simple pieces standards use (digits, letters, literal characters, small classes, optional groups);
 * otherwise the rule is described by the field's example.
 */
import type { Lang } from '../i18n/lang.js';

type Words = {
  digit: (n: string) => string;
  letter: (n: string) => string;
  char: (c: string) => string;
  oneOf: (cs: string[]) => string;
  anyText: string;
  optional: (s: string) => string;
  shaped: (example: string, parts: string) => string;
  shapedNoParts: (example: string) => string;
  shapedUnknown: string;
  required: string;
  minimum: (v: string) => string;
  maximum: (v: string) => string;
  exclusiveMinimum: (v: string) => string;
  exclusiveMaximum: (v: string) => string;
  minLength: (v: string) => string;
  maxLength: (v: string) => string;
  enum: (v: string) => string;
  other: (c: string, v: string) => string;
  count: (n: number) => string;
};

const ID_NUMBERS = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh'];
const EN_NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

const CHAR_NAMES: Record<string, { id: string; en: string }> = {
  '.': { id: 'titik', en: 'a dot' },
  '-': { id: 'tanda hubung (-)', en: 'a hyphen (-)' },
  '/': { id: 'garis miring (/)', en: 'a slash (/)' },
  ':': { id: 'titik dua (:)', en: 'a colon (:)' },
  ',': { id: 'koma', en: 'a comma' },
  ' ': { id: 'spasi', en: 'a space' },
  '_': { id: 'garis bawah (_)', en: 'an underscore (_)' },
  '@': { id: '@', en: '@' },
};

const WORDS: Record<Lang, Words> = {
  id: {
    digit: (n) => `${n} angka`,
    letter: (n) => `${n} huruf`,
    char: (c) => CHAR_NAMES[c]?.id ?? `"${c}"`,
    oneOf: (cs) => `${cs.slice(0, -1).join(', ')} atau ${cs[cs.length - 1]}`,
    anyText: 'teks apa pun',
    optional: (s) => `boleh diikuti ${s}`,
    shaped: (ex, parts) => `harus berbentuk ${ex}: ${parts}`,
    shapedNoParts: (ex) => `harus berbentuk seperti ${ex}`,
    shapedUnknown: 'bentuknya tidak sesuai dengan yang ditetapkan standar',
    required: 'wajib diisi, tetapi kosong',
    minimum: (v) => `tidak boleh lebih kecil dari ${v}`,
    maximum: (v) => `tidak boleh lebih besar dari ${v}`,
    exclusiveMinimum: (v) => `harus lebih besar dari ${v}`,
    exclusiveMaximum: (v) => `harus lebih kecil dari ${v}`,
    minLength: (v) => `harus paling sedikit ${v} karakter`,
    maxLength: (v) => `harus paling banyak ${v} karakter`,
    enum: (v) => `harus salah satu dari: ${v}`,
    other: (_c, v) => `tidak sesuai aturan standar (${v})`,
    count: (n) => (n <= 10 ? ID_NUMBERS[n]! : String(n)),
  },
  en: {
    digit: (n) => `${n} digit${n === 'one' ? '' : 's'}`,
    letter: (n) => `${n} letter${n === 'one' ? '' : 's'}`,
    char: (c) => CHAR_NAMES[c]?.en ?? `"${c}"`,
    oneOf: (cs) => `${cs.slice(0, -1).join(', ')} or ${cs[cs.length - 1]}`,
    anyText: 'any text',
    optional: (s) => `optionally followed by ${s}`,
    shaped: (ex, parts) => `must look like ${ex}: ${parts}`,
    shapedNoParts: (ex) => `must look like ${ex}`,
    shapedUnknown: 'does not have the form the standard sets',
    required: 'must be filled, but is empty',
    minimum: (v) => `must not be less than ${v}`,
    maximum: (v) => `must not be more than ${v}`,
    exclusiveMinimum: (v) => `must be more than ${v}`,
    exclusiveMaximum: (v) => `must be less than ${v}`,
    minLength: (v) => `must have at least ${v} characters`,
    maxLength: (v) => `must have at most ${v} characters`,
    enum: (v) => `must be one of: ${v}`,
    other: (c, v) => `breaks the standard's rule (${c} ${v})`,
    count: (n) => (n <= 10 ? EN_NUMBERS[n]! : String(n)),
  },
};

/** A piece of a pattern: words (per language) and a sample text. */
interface Piece {
  words: (w: Words) => string;
  sample: string;
  /** Letters or digits written as they are ("52" in 52\.\d{2}). */
  literal?: string;
}

/**
 * Parses the simple subset of regular expressions standards use. Null when the pattern uses anything else
 * (then the rule is described by its example only).
 */
export function parsePattern(pattern: string): Piece[] | null {
  let src = pattern;
  if (src.startsWith('^')) src = src.slice(1);
  if (src.endsWith('$') && !src.endsWith('\\$')) src = src.slice(0, -1);
  let i = 0;
  const parseSeq = (): Piece[] | null => {
    const out: Piece[] = [];
    while (i < src.length && src[i] !== ')') {
      let atom: { kind: 'digit' | 'letter' | 'char' | 'class' | 'group' | 'any'; chars?: string[]; group?: Piece[] } | null = null;
      const c = src[i]!;
      if (c === '\\') {
        const n = src[i + 1];
        i += 2;
        if (n === 'd') atom = { kind: 'digit' };
        else if (n && /[.\-/:,_@()[\]{}?*+^$|\\ ]/.test(n)) atom = { kind: 'char', chars: [n] };
        else if (n === 'S') atom = { kind: 'any' };
        else return null;
      } else if (c === '[') {
        const end = src.indexOf(']', i);
        if (end < 0) return null;
        const body = src.slice(i + 1, end);
        i = end + 1;
        if (body === '0-9') atom = { kind: 'digit' };
        else if (/^(a-z|A-Z|a-zA-Z|A-Za-z)$/.test(body)) atom = { kind: 'letter' };
        else if (/^[A-Za-z0-9]+$/.test(body) && body.length <= 5) atom = { kind: 'class', chars: [...body] };
        else return null;
      } else if (c === '(') {
        i++;
        if (src.startsWith('?:', i)) i += 2;
        const inner = parseSeq();
        if (!inner || src[i] !== ')') return null;
        i++;
        atom = { kind: 'group', group: inner };
      } else if (/[A-Za-z0-9 ,:;/@_-]/.test(c)) {
        atom = { kind: 'char', chars: [c] };
        i++;
      } else {
        return null; // |, ., *, + and anything else: not described piece by piece
      }
      // quantifier
      let min = 1;
      let max = 1;
      const q = src[i];
      if (q === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
        if (!m) return null;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        i += m[0].length;
      } else if (q === '?') {
        min = 0;
        i++;
      } else if (q === '+' || q === '*') {
        if (atom.kind !== 'any') return null;
        i++;
      }
      if (atom.kind === 'group') {
        const g = atom.group!;
        if (min === 0 && max === 1) {
          out.push({ words: (w) => w.optional(g.map((p) => p.words(w)).join(', ')), sample: '' });
        } else if (min === 1 && max === 1) out.push(...g);
        else return null;
        continue;
      }
      if (min !== max && !(atom.kind === 'any')) {
        if (min === 0 && max === 1) {
          const a = atom;
          out.push({ words: (w) => w.optional(describeAtom(a, 1, w)), sample: '' });
          continue;
        }
        return null;
      }
      const a = atom;
      const n = min;
      const literal = a.kind === 'char' && n === 1 && /^[A-Za-z0-9]$/.test(a.chars![0]!) ? a.chars![0] : undefined;
      out.push({ words: (w) => describeAtom(a, n, w), sample: sampleOf(a, n), ...(literal ? { literal } : {}) });
    }
    return out;
  };
  const pieces = parseSeq();
  if (!pieces || i !== src.length || pieces.length === 0) return null;
  // literal characters in a row read as one piece ("52" rather than "5", "2")
  return mergeLiterals(pieces);
}

function describeAtom(a: { kind: string; chars?: string[] }, n: number, w: Words): string {
  const count = w.count(n);
  switch (a.kind) {
    case 'digit':
      return w.digit(count);
    case 'letter':
      return w.letter(count);
    case 'class':
      return n === 1 ? w.oneOf(a.chars!) : `${count} × (${w.oneOf(a.chars!)})`;
    case 'any':
      return w.anyText;
    default:
      return n === 1 ? w.char(a.chars![0]!) : `${count} × ${w.char(a.chars![0]!)}`;
  }
}

function sampleOf(a: { kind: string; chars?: string[] }, n: number): string {
  switch (a.kind) {
    case 'digit':
      return n === 1 ? '1' : '0'.repeat(n - 1) + '1';
    case 'letter':
      return 'a'.repeat(n);
    case 'class':
      return a.chars![0]!.repeat(n);
    case 'any':
      return 'abc';
    default:
      return a.chars![0]!.repeat(n);
  }
}

function mergeLiterals(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    const prev = out[out.length - 1];
    if (p.literal !== undefined && prev?.literal !== undefined) {
      const text = prev.literal + p.literal;
      out[out.length - 1] = { words: () => `"${text}"`, sample: text, literal: text };
    } else out.push(p);
  }
  return out;
}

/** "harus berbentuk 52.01.01: dua angka, titik, dua angka, titik, dua angka" (or the English). */
export function describePattern(pattern: string, lang: Lang, example?: string): string {
  const w = WORDS[lang];
  const pieces = parsePattern(pattern);
  if (!pieces) return example ? w.shapedNoParts(example) : w.shapedUnknown;
  const sample = example ?? pieces.map((p) => p.sample).join('');
  return w.shaped(sample, pieces.map((p) => p.words(w)).join(', '));
}

/** What a constraint means, as the end of a sentence about the value: "harus salah satu dari: L, P". */
export function describeConstraint(constraint: string, limit: string, lang: Lang, example?: string): string {
  const w = WORDS[lang];
  switch (constraint) {
    case 'required':
      return w.required;
    case 'pattern':
      return describePattern(limit, lang, example);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minLength':
    case 'maxLength':
    case 'enum':
      return w[constraint](limit);
    default:
      return w.other(constraint, limit);
  }
}
