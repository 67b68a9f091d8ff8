/** Word patterns that recognise the non-data rows and header features of Indonesian statistical tables. */

/** Labels of totals and subtotal rows (matched against the trimmed row label). */
export const TOTAL_LABEL =
  /^(?:(?:jumlah|total|sub[\s-]?total|grand[\s-]?total|gabungan|keseluruhan)(?:\s*[:/]?\s*(?:total|jumlah|keseluruhan|seluruhnya|semua|umum|akhir|kab(?:upaten)?\.?(?:\s*\/\s*kota)?|kota|provinsi|prov\.?|kecamatan|kec\.?|desa|kelurahan|ntb|nusa tenggara barat|indonesia|\d+\s+kota|\d+\s+kabupaten(?:\/kota)?))*|semua umur|indonesia|rata-rata|rerata|tahunan|\S+(?:\s\S+)?\s+total)$/i;

/** Case-folded code of a text's first three characters: a cheap gate before a regex that runs once per row. */
export function prefix3(s: string): number {
  return ((((s.charCodeAt(0) | 0x20) & 0x7f) << 14) | (((s.charCodeAt(1) | 0x20) & 0x7f) << 7) | ((s.charCodeAt(2) | 0x20) & 0x7f));
}

/**
 * The case-folded first three characters of some words, matched against a text's (prefix3). A table of the
 * first two characters (16 KB) answers most texts without hashing: the gate runs on several cells of every row.
 */
export class PrefixSet {
  private readonly two = new Uint8Array(1 << 14);
  private readonly three = new Set<number>();

  constructor(words: Iterable<string>) {
    for (const w of words) {
      const p = prefix3(w);
      this.three.add(p);
      this.two[p >>> 7] = 1;
    }
  }

  /** Whether `s` starts (case-folded) as one of the words does. */
  matches(s: string): boolean {
    return this.two[(((s.charCodeAt(0) | 0x20) & 0x7f) << 7) | ((s.charCodeAt(1) | 0x20) & 0x7f)] === 1 && this.three.has(prefix3(s));
  }
}

/** Every word a TOTAL_LABEL match can start with. */
export const TOTAL_PREFIXES = new PrefixSet(['jum', 'tot', 'sub', 'gra', 'gab', 'kes', 'ind', 'rat', 'rer', 'tah', 'sem']);

/** Labels of administrative subtotal rows (a kecamatan among its kelurahan, a kabupaten among its kecamatan). */
export const ADMIN_PREFIX = /^(kecamatan|kec\.|kabupaten|kab\.|provinsi|prov\.)\s*\S/i;

/** Header labels of totals columns (a yearly total beside months, a Jumlah beside its parts). */
export const TOTAL_COLUMN = /(^|\s)(jumlah|total|tahunan|annual|annually|jumlah\s*\/\s*total)$/i;

/** Footnote starts: sources, notes, status of figures, BPS web export lines. */
export const FOOTNOTE_START =
  /^(sumber|source|catatan|keterangan|ket\s*[.:]|note[s]?\b|angka (tetap|sementara|sangat sementara)|access time|source url|data diolah|diolah dari|\*{1,3}\s*\)?\s*\S|[¹²³]\)?\s|\d\)\s)/i;

/** Signature blocks (personal data): NIP numbers, positions, place-and-date lines. */
export const NIP = /\bNIP\.?\s*:?\s*\d{8}\s?\d{6}\s?\d\s?\d{3}\b|\bNIP\b\.?\s*:?\s*\d{8,18}/i;
export const SIGNATURE_START =
  /^(kepala|plt\.?\s|plh\.?\s|sekretaris|mengetahui|disahkan|ditetapkan|an\.\s|a\.n\.\s|kabid|kasubag|pembina|penata)\b/i;
export const PLACE_DATE = /^[A-Z][A-Za-z .'-]{2,30},\s*\d{1,2}\s+[A-Za-z]+\s+\d{4}$/;

/** Units written in a header label, inside parentheses or after a comma. */
export const UNIT_IN_LABEL =
  /\(([^()]*\b(ribu|juta|miliar|jiwa|orang|ton|kg|kuintal|kwintal|rupiah|rp|km2?|km persegi|ha|hektar|hektare|persen|meter|m2|m3|unit|buah|liter|kapita|kk|rumah tangga|ekor|pohon|bulan|tahun|kwh|mw)\b[^()]*|%)\)/i;

/** Month names (Indonesian long and short, common variants, English). */
export const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, january: 1,
  februari: 2, pebruari: 2, feb: 2, peb: 2, february: 2,
  maret: 3, mar: 3, march: 3,
  april: 4, apr: 4,
  mei: 5, may: 5,
  juni: 6, jun: 6, june: 6,
  juli: 7, jul: 7, july: 7,
  agustus: 8, agu: 8, agt: 8, ags: 8, agust: 8, aug: 8, august: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, oct: 10, october: 10,
  november: 11, nopember: 11, nov: 11, nop: 11,
  desember: 12, des: 12, dec: 12, december: 12,
};

/** Month number of an Indonesian/English month name or abbreviation (Pebruari, Nopember, Agt, Okt.). */
export function monthNumber(name: string): number | undefined {
  return MONTHS[name.toLowerCase().replace(/\.$/, '')];
}

export const YEAR_TOKEN = /(^|[^\d])(19[5-9]\d|20[0-4]\d)([^\d]|$)/;
/** A column label that names a measure (jumlah, banyaknya, luas, persentase, harga…): numbers of one quantity, never codes or categories. */
export const MEASURE_LABEL = /(^|[^a-z])(jumlah|jml|banyak|banyaknya|luas|nilai|persen|persentase|rata|total|harga|upah|produksi|volume|garis|indeks|rasio|laju|kepadatan|pengeluaran|pendapatan|realisasi|anggaran|capaian|target|count|amount|value|percent|percentage|rate|ratio|area|price)([^a-z]|$)/i;
/** A column label that says its codes are BPS numbering (`kode_bps`, "Kode Wilayah (BPS)"). */
export const BPS_LABEL = /(^|[^a-z])bps([^a-z]|$)/i;
export const SEX_TOKEN = /\b(laki[\s-]*laki|perempuan|pria|wanita|male|female)\b/i;

/** HTML tags that leak into cells from web exports. */
export const HTML_TAG = /<\/?(i|b|u|em|strong|sup|sub|br|span|p|a|font|div|small)\b[^>]*>/i;

/** Placeholders written instead of a value. */
export const MISSING_MARKERS = new Set(['-', '–', '—', '--', '...', '…', '..', 'na', 'n/a', 'n.a', 'n.a.', 'tidak ada', 'tdk ada', 'nihil', 'x', '#n/a', 'null']);

/** Folds a region or label text for comparison: case, punctuation, whitespace, common abbreviations. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^(kep|kepulauan) /, 'kepulauan ')
    .replace(/^(d i|daerah istimewa) /, 'di ')
    .replace(/^(d k i|daerah khusus ibu ?kota|daerah khusus) /, 'dki ')
    .replace(/^prov(insi)? /, '');
}
