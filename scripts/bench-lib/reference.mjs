/**
 * Inputs for the reference-check overhead bench (D): a CSV shaped like bench A (10 columns: code, name,
 * year, month, sex, two counts, a percentage, a date, a boolean) whose desa codes and names are drawn from
 * the real NTB desa list (standards/codes/wilayah), and two standard files that differ only by the `satudata:kode`
 * binding, so the time difference is the kode referensi checks (existence, level, name agreement).
 */
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const VERSION = 3;

/** Villages of NTB (province 52), or of all Indonesia (`all`). */
function villagesOf(all) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'standards', 'codes', 'wilayah');
  return readFileSync(join(dir, 'villages.csv'), 'utf8').split(/\r?\n/).slice(1)
    .filter((l) => l && (all || l.startsWith('52.')))
    .map((l) => {
      const [code, , ...name] = l.split(',');
      return { code, name: name.join(',').replace(/^"|"$/g, '') };
    });
}

function standard(withBinding) {
  const kode = { name: 'kode_desa', type: 'string', constraints: { required: true, pattern: '\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{4}' } };
  if (withBinding) kode['satudata:kode'] = { daftar: 'wilayah', tingkat: 'desa_kelurahan', nama: 'nama_desa' };
  return {
    name: 'bench-desa', title: 'Bench: penduduk per desa per bulan menurut jenis kelamin',
    fields: [
      kode,
      { name: 'nama_desa', type: 'string', constraints: { required: true } },
      { name: 'tahun', type: 'integer', constraints: { required: true, minimum: 1990, maximum: 2030 } },
      { name: 'bulan', type: 'integer', constraints: { required: true, minimum: 1, maximum: 12 } },
      { name: 'jenis_kelamin', type: 'string', constraints: { required: true, enum: ['laki-laki', 'perempuan'] } },
      { name: 'jumlah_penduduk', type: 'integer', constraints: { required: true, minimum: 0 } },
      { name: 'jumlah_kk', type: 'integer', constraints: { minimum: 0 } },
      { name: 'persentase', type: 'number', constraints: { minimum: 0, maximum: 100 } },
      { name: 'tanggal_update', type: 'date' },
      { name: 'aktif', type: 'boolean' },
    ],
    primaryKey: ['kode_desa', 'tahun', 'bulan', 'jenis_kelamin'],
    satudata: { id: 'bench-desa', versi: '1.0.0', konsep: 'Data uji benchmark kode referensi', definisi: 'Data uji benchmark kode referensi', ukuran: 'Jumlah', satuan: 'jiwa', tingkat_penyajian: 'desa_kelurahan', frekuensi: 'bulanan' },
  };
}

/**
 * Writes .bench/desa-<rows>.csv (NTB codes, each village's rows consecutive) or, with `spread`,
 * .bench/desa-all-<rows>.csv (codes of all Indonesia, 83,762 villages, in a shuffled order: every row a
 * different code from the one before), and the two standards once; returns their paths.
 */
export async function ensureReferenceData(dir, rows, { spread = false } = {}) {
  const csv = join(dir, spread ? `desa-all-${rows}.csv` : `desa-${rows}.csv`);
  const plain = join(dir, 'desa-plain.standard.json');
  const bound = join(dir, 'desa-bound.standard.json');
  const stamp = `${csv}.v${VERSION}`;
  writeFileSync(plain, JSON.stringify(standard(false), null, 2));
  writeFileSync(bound, JSON.stringify(standard(true), null, 2));
  if (existsSync(csv) && existsSync(stamp)) return { csv, plain, bound };
  const villages = villagesOf(spread);
  if (spread) {
    // deterministic shuffle: codes of all provinces interleaved
    let s = 11;
    const r = (m) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) % m);
    for (let i = villages.length - 1; i > 0; i--) {
      const j = r(i + 1);
      [villages[i], villages[j]] = [villages[j], villages[i]];
    }
  }
  const out = createWriteStream(csv);
  const write = (s) => (out.write(s) ? Promise.resolve() : new Promise((r) => out.once('drain', r)));
  await write('kode_desa,nama_desa,tahun,bulan,jenis_kelamin,jumlah_penduduk,jumlah_kk,persentase,tanggal_update,aktif\n');
  let n = 0;
  let seed = 7;
  const rnd = (m) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % m);
  outer: for (let y = 1990; y <= 2030; y++) {
    for (let m = 1; m <= 12; m++) {
      for (const v of villages) {
        const name = v.name.includes(',') || v.name.includes('"') ? `"${v.name.replace(/"/g, '""')}"` : v.name;
        for (const sex of spread ? ['laki-laki'] : ['laki-laki', 'perempuan']) {
          if (n++ >= rows) break outer;
          const day = String(1 + rnd(28)).padStart(2, '0');
          await write(`${v.code},${name},${y},${m},${sex},${rnd(5000)},${rnd(1500)},${(rnd(10000) / 100).toFixed(2)},${y}-${String(m).padStart(2, '0')}-${day},${rnd(2) ? 'true' : 'false'}\n`);
        }
      }
    }
  }
  await new Promise((r) => out.end(r));
  writeFileSync(stamp, String(Date.now()));
  return { csv, plain, bound, villages: villages.length };
}
