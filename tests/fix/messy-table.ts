/** A generated OPD table of any length, shaped like fixtures/csv/penduduk-kecamatan-messy.csv: title rows, a
 *  merged two-row header, thousand dots and decimal commas, a Jumlah row that adds up, a footnote. */
const NAMES = ['Gerung', 'Kediri', 'Narmada', 'Sekotong', 'Labuapi', 'Gunungsari', 'Lingsar', 'Lembar', 'Batu Layar', 'Kuripan'];
const dots = (v: number) => String(v).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

export function messyTable(rows: number): string {
  const out: string[] = [
    ';;JUMLAH PENDUDUK MENURUT JENIS KELAMIN DAN KECAMATAN;;;',
    ';;KABUPATEN LOMBOK BARAT TAHUN 2023;;;',
    ';;;;;',
    'No;Kecamatan;Jenis Kelamin;;Jumlah (Jiwa);Rasio Jenis Kelamin',
    ';;Laki-laki;Perempuan;;',
  ];
  let sl = 0;
  let sp = 0;
  for (let i = 1; i <= rows; i++) {
    const l = 10000 + ((i * 7919) % 50000);
    const p = 10000 + ((i * 104729) % 50000);
    sl += l;
    sp += p;
    out.push(`${i};${NAMES[i % 10]};${dots(l)};${dots(p)};${dots(l + p)};${((l / p) * 100).toFixed(2).replace('.', ',')}`);
  }
  out.push(`;Jumlah;${dots(sl)};${dots(sp)};${dots(sl + sp)};`, ';;;;;', 'Sumber: Dinas Kependudukan;;;;;');
  return out.join('\n') + '\n';
}
