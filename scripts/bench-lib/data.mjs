/**
 * Deterministic benchmark data: NTB desa population rows with a few deliberate defects.
 *
 * Row i belongs to desa floor(i / 20); the 20 rows of a desa are its 10 years × 2 sexes, so the primary key
 * [kode_wilayah, tahun, jenis_kelamin] is unique by construction. Defects (never on neighbouring rows):
 *  - duplicates: a few rows copy the key of the row before them;
 *  - invalid cells (~0.1% of rows, one per row): a non-integer jumlah_penduduk, a persentase > 100,
 *    an impossible date, or a jenis_kelamin outside the enum.
 * Bump GEN_VERSION whenever the output changes, so cached files in .bench/ are regenerated.
 */
export const GEN_VERSION = 3;
export const SEED = 0x5a7d_da7a;

export const FIELDS = [
  'kode_wilayah', 'nama_wilayah', 'tahun', 'jenis_kelamin', 'jumlah_penduduk',
  'jumlah_kk', 'persentase', 'tanggal_update', 'aktif', 'keterangan',
];

/** Frictionless Table Schema v2 for the generated table. */
export function tableSchemaV2() {
  return {
    $schema: 'https://datapackage.org/profiles/2.0/tableschema.json',
    title: 'Jumlah penduduk desa/kelurahan NTB menurut jenis kelamin (data uji benchmark)',
    fields: [
      { name: 'kode_wilayah', type: 'string', title: 'Kode wilayah (Kemendagri)',
        constraints: { required: true, pattern: '^\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{4}$' } },
      { name: 'nama_wilayah', type: 'string', constraints: { required: true } },
      { name: 'tahun', type: 'integer', constraints: { required: true, minimum: 2015, maximum: 2024 } },
      { name: 'jenis_kelamin', type: 'string', constraints: { required: true, enum: ['laki-laki', 'perempuan'] } },
      { name: 'jumlah_penduduk', type: 'integer', constraints: { required: true, minimum: 0 } },
      { name: 'jumlah_kk', type: 'integer', constraints: { minimum: 0 } },
      { name: 'persentase', type: 'number', constraints: { minimum: 0, maximum: 100 } },
      { name: 'tanggal_update', type: 'date' },
      { name: 'aktif', type: 'boolean' },
      { name: 'keterangan', type: 'string' },
    ],
    primaryKey: ['kode_wilayah', 'tahun', 'jenis_kelamin'],
  };
}

/** The same schema in Table Schema v1 form (for the npm `tableschema` package): only `$schema` differs. */
export function tableSchemaV1() {
  const { $schema: _drop, ...rest } = tableSchemaV2();
  return rest;
}

/** sfc32 PRNG: deterministic floats in [0, 1). */
export function prng(seed) {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

// Kabupaten 52.01–52.08 (desa codes 2xxx) and kota 52.71 Mataram, 52.72 Bima (kelurahan codes 1xxx).
const KAB = ['01', '02', '03', '04', '05', '06', '07', '08', '71', '72'];
const MAX_KEC = 40;
const SYL = ['su', 'ka', 'ma', 'ju', 'la', 'bu', 'an', 'sa', 'ri', 'gu', 'nung', 'sa', 'ri', 'ta', 'ke', 'lo',
  'dan', 'se', 'ma', 'wi', 'rem', 'bi', 'tu', 'pe', 'nu', 'jo', 'ra', 'ko', 'mbo', 'do'];
const KET = ['', '', '', '', 'data sementara', 'hasil registrasi', 'sumber: Dukcapil', 'angka perbaikan',
  'data final', 'perlu verifikasi, belum final', 'pemekaran 2019'];
const BAD_INT = ['12O4', '1,5 ribu', 'kurang lebih 300', '87.5', '-'];
const BAD_DATE = ['2023-02-30', '31/12/2023', '2021-13-01', 'Jan 2022'];
const BAD_ENUM = ['L', 'P', 'pria', 'Laki laki', 'wanita'];

function hash32(n) {
  let h = Math.imul(n ^ 0x2c1b3c6d, 0x297a2d39);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

function placeName(d) {
  let h = hash32(d);
  const n = 2 + (h % 2);
  let s = '';
  for (let k = 0; k < n; k++) {
    h = hash32(h + k);
    s += SYL[h % SYL.length];
  }
  return s[0].toUpperCase() + s.slice(1);
}

/**
 * Row generator for `rows` data rows. Yields plain objects with typed values; an invalid cell is a string
 * where the field wants a number/date, a number > 100 for persentase, or a string outside the enum.
 * `stats` (filled while iterating) counts the defects written.
 */
export function* generateRows(rows, stats = { invalidCells: 0, duplicates: 0, byKind: {} }) {
  const nDesa = Math.ceil(rows / 20);
  const perKab = Math.ceil(nDesa / KAB.length);
  const kecCount = Math.min(MAX_KEC, perKab);
  const perKec = Math.ceil(perKab / kecCount);
  if (perKec > 999) throw new Error(`too many rows for the code space (${rows})`);
  const dupCount = Math.max(2, Math.round(rows / 100_000));
  const dupStride = Math.floor(rows / dupCount);
  const isDup = (i) => i > 0 && i % dupStride === Math.floor(dupStride / 2);
  const rnd = prng(SEED ^ rows);
  const count = (kind) => { stats.invalidCells++; stats.byKind[kind] = (stats.byKind[kind] ?? 0) + 1; };

  let prevKey = null;
  let desaCode = '', desaName = '', base = 0;
  for (let i = 0; i < rows; i++) {
    const d = Math.floor(i / 20), combo = i % 20;
    if (combo === 0) {
      const kab = Math.floor(d / perKab), local = d % perKab;
      const kec = Math.floor(local / perKec) + 1, desa = (local % perKec) + 1;
      const kota = KAB[kab] >= '71';
      desaCode = `52.${KAB[kab]}.${String(kec).padStart(2, '0')}.${(kota ? 1000 : 2000) + desa}`;
      desaName = `${kota ? 'Kelurahan' : 'Desa'} ${placeName(d)}`;
      base = 300 + Math.floor(rnd() * 4000);
    }
    const tahun = 2015 + (combo >> 1);
    const jk = combo & 1 ? 'perempuan' : 'laki-laki';
    const penduduk = Math.floor(base * (1 + (tahun - 2015) * 0.012) * (0.95 + rnd() * 0.1));
    const row = {
      kode_wilayah: desaCode,
      nama_wilayah: desaName,
      tahun,
      jenis_kelamin: jk,
      jumlah_penduduk: penduduk,
      jumlah_kk: Math.floor(penduduk / (3.2 + rnd() * 0.8)),
      persentase: Math.round(rnd() * 10000) / 100,
      tanggal_update: { y: tahun + 1, m: 1 + Math.floor(rnd() * 12), d: 1 + Math.floor(rnd() * 28) },
      aktif: rnd() < 0.97,
      keterangan: KET[Math.floor(rnd() * KET.length)],
    };
    if (isDup(i)) {
      [row.kode_wilayah, row.tahun, row.jenis_kelamin] = prevKey;
      stats.duplicates++;
    } else if (!isDup(i + 1) && !isDup(i - 1) && rnd() < 0.001) {
      const pick = (list) => list[Math.floor(rnd() * list.length)];
      const kind = Math.floor(rnd() * 4);
      if (kind === 0) { row.jumlah_penduduk = pick(BAD_INT); count('jumlah_penduduk-not-integer'); }
      else if (kind === 1) { row.persentase = 100.01 + Math.round(rnd() * 9000) / 100; count('persentase-above-100'); }
      else if (kind === 2) { row.tanggal_update = pick(BAD_DATE); count('tanggal_update-bad-date'); }
      else { row.jenis_kelamin = pick(BAD_ENUM); count('jenis_kelamin-not-in-enum'); }
    }
    prevKey = [row.kode_wilayah, row.tahun, row.jenis_kelamin];
    yield row;
  }
}

export function isoDate(v) {
  return typeof v === 'string' ? v : `${v.y}-${String(v.m).padStart(2, '0')}-${String(v.d).padStart(2, '0')}`;
}
