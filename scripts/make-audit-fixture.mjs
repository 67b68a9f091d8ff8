#!/usr/bin/env node
/**
 * Generates the weekly-audit fixture deterministically (no dependencies, fixed seed):
 *   fixtures/audit/daftar-data-2021.csv      965 Daftar Data items across the NTB provincial OPDs
 *   fixtures/audit/ledger-2022-W14.json      observed state as of 2022-04-04 (satudata-ledger/1)
 *   fixtures/audit/ledger-2022-W15.json      the same a week later (2022-04-11): some items move on
 * The observed state is built so the report computes NTB's 2021 action-plan figures: of 965 items due,
 * 910 collected (94.30 %) and 893 published (92.54 %). The report computes them; nothing here writes a %.
 * Run: node scripts/make-audit-fixture.mjs
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const out = `${root}fixtures/audit/`;
mkdirSync(out, { recursive: true });

let seed = 20210965;
const rnd = () => { seed = (seed + 0x6d2b79f5) | 0; let t = seed; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const shuffle = (xs) => { const a = xs.slice(); for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; } return a; };

const opds = readFileSync(`${root}standards/codes/opd-ntb.csv`, 'utf8').trim().split('\n').filter((l) => !l.startsWith('#')).slice(1).map((l) => {
  const cells = l.match(/("([^"]|"")*"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
  return { kode: cells[0], singkatan: cells[1], nama: cells[2], urusan: cells[3] };
});

const SUBJECTS = ['Jumlah Sekolah', 'Jumlah Guru', 'Angka Partisipasi Kasar', 'Jumlah Puskesmas', 'Cakupan Imunisasi Dasar', 'Jumlah Tenaga Kesehatan',
  'Panjang Jalan Provinsi', 'Kondisi Jalan Provinsi', 'Luas Lahan Sawah', 'Produksi Padi', 'Produksi Jagung', 'Populasi Ternak Sapi', 'Produksi Perikanan Tangkap',
  'Jumlah Kunjungan Wisatawan', 'Tingkat Hunian Hotel', 'Jumlah Penerima Bantuan Sosial', 'Jumlah Penyandang Disabilitas', 'Jumlah Kasus Kekerasan terhadap Anak',
  'Jumlah Akseptor KB Aktif', 'Jumlah Penduduk', 'Jumlah Kepemilikan KTP-el', 'Jumlah Koperasi Aktif', 'Jumlah UMKM', 'Realisasi Investasi', 'Jumlah Izin Terbit',
  'Jumlah Pencari Kerja', 'Jumlah Transmigran', 'Cadangan Pangan Pemerintah', 'Indeks Kualitas Lingkungan Hidup', 'Luas Kawasan Hutan', 'Jumlah Kendaraan Bermotor',
  'Jumlah Penumpang Pelabuhan', 'Rasio Elektrifikasi', 'Harga Rata-rata Bahan Pokok', 'Nilai Ekspor', 'Jumlah Industri Kecil Menengah', 'Realisasi Pendapatan Daerah',
  'Realisasi Belanja Daerah', 'Jumlah Aparatur Sipil Negara', 'Jumlah Pelatihan Aparatur', 'Jumlah Temuan Pemeriksaan', 'Jumlah Kejadian Bencana', 'Jumlah Pelanggaran Perda',
  'Jumlah Koleksi Perpustakaan', 'Jumlah Atlet Berprestasi', 'Jumlah Organisasi Kemasyarakatan', 'Jumlah Rumah Tidak Layak Huni', 'Jumlah Inovasi Daerah'];
const DIMENSIONS = ['menurut Kabupaten/Kota', 'menurut Jenis Kelamin', 'menurut Kelompok Umur', 'menurut Kecamatan', 'menurut Jenjang', 'menurut Status', 'menurut Jenis',
  'menurut Sumber Dana', 'menurut Komoditas', 'menurut Bulan', 'di Pulau Lombok', 'di Pulau Sumbawa', 'menurut Kategori', 'menurut Sektor', 'menurut Kewenangan',
  'menurut Kondisi', 'menurut Kelas', 'menurut Tingkat Pendidikan', 'menurut Lapangan Usaha', 'menurut Asal Negara', 'Provinsi NTB', 'menurut Desa/Kelurahan'];
const combos = shuffle(SUBJECTS.flatMap((s) => DIMENSIONS.map((d) => `${s} ${d}`)));

const N = 965;
// OPD weights: a few big producers, many small ones
const weights = opds.map((o, i) => (['DIKBUD', 'DINKES', 'PUPR', 'DISTANBUN', 'BAPPEDA', 'DISKOMINFOTIK', 'DINSOS'].includes(o.singkatan) ? 4 : 1 + (i % 3)));
const wsum = weights.reduce((a, b) => a + b, 0);
const counts = weights.map((w) => Math.floor((w / wsum) * N));
for (let i = 0; counts.reduce((a, b) => a + b, 0) < N; i++) counts[i % counts.length]++;

const FREQS = [['tahunan', 0.7], ['semesteran', 0.08], ['triwulanan', 0.09], ['bulanan', 0.11], ['mingguan', 0.01], ['tidak_tetap', 0.01]];
const FIRST = { tahunan: '2019', semesteran: '2020-S1', triwulanan: '2020-Q1', bulanan: '2021-01', mingguan: '2022-W01', tidak_tetap: '2020' };
const LAG = { tahunan: 90, semesteran: 60, triwulanan: 45, bulanan: 30, mingguan: 7, tidak_tetap: 0 };
const freqOf = () => { let x = rnd(); for (const [f, p] of FREQS) { if ((x -= p) < 0) return f; } return 'tahunan'; };
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

const items = [];
let k = 0;
opds.forEach((o, oi) => {
  for (let j = 0; j < counts[oi]; j++) {
    k++;
    const f = freqOf();
    const judul = combos[k - 1];
    items.push({
      id: `DD-${String(k).padStart(4, '0')}`, judul, opd: o, frekuensi: f,
      prioritas: rnd() < 0.3 ? 'ya' : 'tidak', urusan: o.urusan, standar: rnd() < 0.4 ? `SD-NTB-${String(k).padStart(4, '0')}` : '',
      periodeAwal: FIRST[f], lag: f === 'tahunan' && rnd() < 0.05 ? 180 : '',
      dataset: rnd() < 0.2 ? `${o.singkatan.toLowerCase()}-${slug(judul)}`.slice(0, 100) : '',
    });
  }
});

const q = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const header = ['id', 'judul', 'kode_opd', 'frekuensi', 'data_prioritas', 'kode_urusan', 'standar', 'periode_awal', 'lag_hari', 'nama_dataset'];
writeFileSync(`${out}daftar-data-2021.csv`, [header.join(','), ...items.map((i) => [i.id, i.judul, i.opd.kode, i.frekuensi, i.prioritas, i.urusan, i.standar, i.periodeAwal, i.lag, i.dataset].map(q).join(','))].join('\n') + '\n');

// ── observed state ───────────────────────────────────────────────────────────────────────────────────
const DAY = 86400000;
const day = (s) => Math.floor(Date.parse(`${s}T00:00:00Z`) / DAY);
const iso = (d) => new Date(d * DAY).toISOString().slice(0, 10);
const endOfMonth = (y, m) => day(`${y}-${String(m).padStart(2, '0')}-01`) + new Date(Date.UTC(y, m, 0)).getUTCDate() - 1;
/** Every period of the item that has ended before `asOf`: [key, lastDay]. */
function endedPeriods(it, asOf) {
  const outP = [];
  const f = it.frekuensi;
  if (f === 'tidak_tetap') return [['2021', day('2021-12-31')]];
  if (f === 'mingguan') { let mon = day('2022-01-03'); for (let w = 1; mon + 6 < asOf; w++, mon += 7) outP.push([`2022-W${String(w).padStart(2, '0')}`, mon + 6]); return outP; }
  for (let y = 2019; y <= 2022; y++) {
    const parts = f === 'tahunan' ? [[String(y), endOfMonth(y, 12)]]
      : f === 'semesteran' ? [1, 2].map((s) => [`${y}-S${s}`, endOfMonth(y, s * 6)])
      : f === 'triwulanan' ? [1, 2, 3, 4].map((s) => [`${y}-Q${s}`, endOfMonth(y, s * 3)])
      : Array.from({ length: 12 }, (_, m) => [`${y}-${String(m + 1).padStart(2, '0')}`, endOfMonth(y, m + 1)]);
    for (const [key, end] of parts) if (end < asOf && key >= it.periodeAwal) outP.push([key, end]);
  }
  return outP;
}

// states: 893 published, 7 validated only, 10 collected only (4 with errors), 20 on the portal without data, 35 not found
const order = shuffle(items.map((_, i) => i)).sort((a, b) => (items[a].frekuensi === 'tidak_tetap') - (items[b].frekuensi === 'tidak_tetap'));
const state = new Array(N);
order.forEach((idx, n) => {
  // tidak_tetap items are counted as collected when anything was seen: keep them among the first states
  state[idx] = n < 20 ? 'registered' : n < 55 ? 'missing' : n < 62 ? 'validated' : n < 72 ? 'collected' : 'published';
});
// tidak_tetap items must not be 'registered'/'missing' (the sort put them last, so they are 'published')

function metadataFor(it, quality) {
  const m = {
    judul: it.judul, slug: `${it.opd.singkatan.toLowerCase()}-${slug(it.judul)}`.slice(0, 100), produsen: { kode: it.opd.kode, nama: it.opd.nama },
    deskripsi: `${it.judul}. Data dikumpulkan oleh ${it.opd.nama} Provinsi Nusa Tenggara Barat sebagai bagian dari Daftar Data Satu Data NTB.`,
    walidata: 'Dinas Komunikasi, Informatika dan Statistik Provinsi NTB', kontak: `data@${it.opd.singkatan.toLowerCase()}.ntbprov.go.id`,
    konsep: 'Konsep mengikuti standar data.', definisi: `Definisi ${it.judul.toLowerCase()}.`, metode_perhitungan: 'Penjumlahan.', ukuran: 'Jumlah', satuan: 'Unit',
    tingkat_penyajian: 'kabupaten_kota', cakupan: '52', frekuensi: it.frekuensi, periode_awal: it.periodeAwal, periode_akhir: '2021',
    kode_urusan: it.urusan, lisensi: 'cc-by-4.0', topik: ['Pemerintah & Desa'], sumber: it.opd.nama, tautan: `https://data.ntbprov.go.id/dataset/${slug(it.judul)}`,
    akses: 'terbuka', ...(it.standar ? { standar: it.standar } : {}), kode_indikator: it.id,
  };
  for (const key of ['topik', 'tautan', 'konsep', 'definisi', 'metode_perhitungan', 'kontak', 'lisensi', 'kode_urusan', 'deskripsi', 'walidata', 'slug']) if (rnd() > quality) delete m[key];
  return m;
}

// metadata is edited now and then, not every week: a stable date per dataset, and the week's edits (metaEdited)
const metaDate = (i) => `2022-03-${String(1 + (i % 28)).padStart(2, '0')}`;

function ledger(asOfText, tweak, metaEdited = () => false) {
  const asOf = day(asOfText);
  const datasets = [];
  const entries = [];
  items.forEach((it, i) => {
    const s = tweak(i, state[i]);
    if (s === 'missing') return;
    const name = it.dataset || `${it.opd.singkatan.toLowerCase()}-${slug(it.judul)}`.slice(0, 100);
    const byId = !it.dataset && i % 11 !== 0; // some datasets are matched by portal name, some by title only
    const quality = 0.55 + (it.opd.kode.charCodeAt(4) % 5) * 0.1;
    const savedSeed = seed; seed = 1000 + i; // metadata stable across weeks
    const metadata = metadataFor(it, quality);
    seed = savedSeed;
    datasets.push({ name, ...(byId ? { item: it.id } : {}), title: it.judul, opd: it.opd.kode, metadata, metadata_modified: `${metaEdited(i) ? asOfText : metaDate(i)}T02:00:00+08:00` });
    if (s === 'registered') return;
    for (const [key, end] of endedPeriods(it, asOf)) {
      const h = (i * 31 + key.length * 7 + end) % 97;
      const collected = Math.min(end + 3 + (h % 20), asOf - 1);
      const validated = Math.min(collected + 1 + (h % 3), asOf - 1);
      const pushed = Math.min(validated + 1 + (h % (LAG[it.frekuensi] + 30)), asOf - 1);
      const e = { name, ...(byId ? { item: it.id } : {}), period: key, collected_at: iso(collected) };
      if (s === 'collected') { if (i % 5 < 2) { e.validated_at = iso(validated); e.errors = 3 + (i % 4); } }
      else { e.validated_at = iso(validated); e.errors = 0; }
      if (s === 'published') e.pushed_at = `${iso(pushed)}T10:00:00+08:00`;
      entries.push(e);
    }
  });
  return { schema: 'satudata-ledger/1', portal: 'https://data.ntbprov.go.id', generated_at: `${asOfText}T06:00:00+08:00`, datasets, entries };
}

const w14 = ledger('2022-04-04', (_i, s) => s);
// a week later: 5 validated items published, 3 collected items validated and published, 2 portal datasets filled,
// one published item pulled back (a regression), one new-to-portal item
let moved = { validated: 0, collected: 0, registered: 0, published: 0, missing: 0 };
const w15 = ledger('2022-04-11', (i, s) => {
  if (s === 'validated' && moved.validated < 5) { moved.validated++; return 'published'; }
  if (s === 'collected' && items[i].frekuensi !== 'tidak_tetap' && i % 5 >= 2 && moved.collected < 3) { moved.collected++; return 'published'; }
  if (s === 'registered' && moved.registered < 2) { moved.registered++; return 'collected'; }
  if (s === 'published' && moved.published < 1 && items[i].frekuensi === 'tahunan') { moved.published++; return 'validated'; }
  if (s === 'missing' && moved.missing < 1) { moved.missing++; return 'registered'; }
  return s;
}, (i) => i % 29 === 0); // this week's metadata edits (some on items still waiting for data)
writeFileSync(`${out}ledger-2022-W14.json`, JSON.stringify(w14) + '\n');
writeFileSync(`${out}ledger-2022-W15.json`, JSON.stringify(w15) + '\n');
const count = (s) => state.filter((x) => x === s).length;
console.log(`items ${items.length}, OPDs ${opds.length}; published ${count('published')}, validated ${count('validated')}, collected ${count('collected')}, registered ${count('registered')}, missing ${count('missing')}; entries W14 ${w14.entries.length}`);
