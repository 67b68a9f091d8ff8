import { describe, expect, it } from 'vitest';
import { analyse, flatten, RowClassifier, RowKind } from '../../src/read/layout.js';
import type { RawRow } from '../../src/read/table.js';

const rows = (lines: string[][]): RawRow[] => lines.map((cells, i) => ({ n: i + 1, cells }));

describe('layout detection', () => {
  it('finds the header below title rows and flattens a two-row header with group labels', () => {
    const r = rows([
      ['', '', 'Data SIUP Kota Batu 2016-2018', '', ''],
      ['', '', '', '', ''],
      ['SKPD PENANGGUNG JAWAB : DINAS KOPERASI', '', '', '', ''],
      ['Bulan', 'SIUP Besar', '', 'SIUP Kecil', ''],
      ['', '2017', 'Jumlah', '2017', 'Jumlah'],
      ['Januari', '0', '0', '15', '15'],
      ['Februari', '1', '1', '17', '17'],
    ]);
    const l = analyse(r);
    expect(l.titleRows.map((t) => t.n)).toEqual([1, 3]);
    expect(l.headerRows).toEqual([4, 5]);
    expect(l.labels).toEqual(['Bulan', 'SIUP Besar 2017', 'SIUP Besar Jumlah', 'SIUP Kecil 2017', 'SIUP Kecil Jumlah']);
  });

  it('reads the BPS web-table layout: stub label on row 1, title and years below it', () => {
    const l = analyse(rows([
      ['Nama Wilayah', '', '', ''],
      ['', 'Garis Kemiskinan (Rupiah/kapita/bulan)', '', ''],
      ['', '2022', '2023', '2024'],
      ['ACEH', '579227', '627534', '661227'],
      ['Simeulue', '493303', '538693', '576505'],
    ]));
    expect(l.headerRows).toEqual([1, 2, 3]);
    expect(l.labels).toEqual(['Nama Wilayah', 'Garis Kemiskinan (Rupiah/kapita/bulan) 2022', 'Garis Kemiskinan (Rupiah/kapita/bulan) 2023', 'Garis Kemiskinan (Rupiah/kapita/bulan) 2024']);
  });

  it('takes a header of years as a header, not as data', () => {
    const l = analyse(rows([['', '', '', ''], ['Nama Wilayah', '2020', '2019', '2018'], ['JAWA BARAT', '410988', '386198', '367755']]));
    expect(l.headerRows).toEqual([2]);
    expect(l.titleRows).toEqual([]);
  });

  it('records an empty first row (";;;" of a BPS export) as a leading blank row, not a blank between title and header', () => {
    const l = analyse(rows([['', '', '', ''], ['Nama Wilayah', '2020', '2019', '2018'], ['JAWA BARAT', '410988', '386198', '367755']]));
    expect(l.headerRows).toEqual([2]);
    expect(l.blankBeforeHeader).toEqual([1]);
    const titled = analyse(rows([['Data SIUP', '', ''], ['', '', ''], ['Bulan', 'Besar', 'Kecil'], ['Januari', '0', '15'], ['Februari', '1', '17']]));
    expect(titled.titleRows.map((t) => t.n)).toEqual([1]);
    expect(titled.blankBeforeHeader).toEqual([]);
  });

  it('finds the header rows of an empty BPS export', () => {
    const l = analyse(rows([['Kepolisian Daerah', ''], ['', 'Jumlah Tindak Pidana'], ['', '2022'], ['', '']]));
    expect(l.headerRows).toEqual([1, 2, 3]);
  });

  it('keeps the title out of the header of a template table without values, and takes its sub-header row as header', () => {
    const l = analyse(rows([
      ['Banyaknya Pemohon dan Surat Pemberian Hak atas tanah per bulan, 2021', '', '', '', '', '', ''],
      ['', '', '', '', '', '', ''],
      ['Bulan/Month', '', 'Jumlah Pemohon', 'SK Pemberian Hak Atas Tanah', '', '', ''],
      ['', '', '', 'Hak Milik', 'Guna Bangunan', 'Hak Pakai', 'Hak Wakaf'],
      ['1.', 'Januari/January', '', '', '', '', ''],
      ['2.', 'Februari/February', '', '', '', '', ''],
      ['3.', 'Maret/March', '', '', '', '', ''],
      ['Jumlah/Total', '', '', '', '', '', ''],
    ]));
    expect(l.titleRows.map((t) => t.n)).toEqual([1]);
    expect(l.headerRows).toEqual([3, 4]);
    expect(l.width).toBe(7);
    expect(l.labels).toEqual(['Bulan/Month', '', 'Jumlah Pemohon', 'SK Pemberian Hak Atas Tanah Hak Milik',
      'SK Pemberian Hak Atas Tanah Guna Bangunan', 'SK Pemberian Hak Atas Tanah Hak Pakai', 'SK Pemberian Hak Atas Tanah Hak Wakaf']);
  });

  it('keeps a text row with an empty first column as data under a one-row header', () => {
    const l = analyse(rows([
      ['Daftar Kantor Kelurahan', '', ''],
      ['Kecamatan', 'Kelurahan', 'Alamat'],
      ['Magersari', 'Gunung Gedangan', 'Jl. Raya Gunung Gedangan'],
      ['', 'Kedundung', 'Jl. Kedundung'],
      ['', 'Wates', 'Jl. Wates'],
    ]));
    expect(l.titleRows.map((t) => t.n)).toEqual([1]);
    expect(l.headerRows).toEqual([2]);
    expect(l.labels).toEqual(['Kecamatan', 'Kelurahan', 'Alamat']);
  });

  it('carries a group label only over columns that have sub-labels', () => {
    const block = rows([['Kecamatan', 'Jenis Kelamin', '', 'Jumlah'], ['', 'Laki-laki', 'Perempuan', '']]);
    expect(flatten(block, 4).labels).toEqual(['Kecamatan', 'Jenis Kelamin Laki-laki', 'Jenis Kelamin Perempuan', 'Jumlah']);
  });

  it('keeps the trailing space of a group label in its own column only, not in the columns it is carried over', () => {
    const block = rows([['Bulan', 'Banyaknya SIUP Besar ', '', 'Jumlah'], ['', '2017', 'Jumlah', '']]);
    const f = flatten(block, 4);
    expect(f.labels).toEqual(['Bulan', 'Banyaknya SIUP Besar 2017', 'Banyaknya SIUP Besar Jumlah', 'Jumlah']);
    expect(f.rawLabels).toEqual(['Bulan', 'Banyaknya SIUP Besar ', 'Banyaknya SIUP Besar  Jumlah', 'Jumlah']);
  });
});

describe('row classification', () => {
  const layout = analyse(rows([
    ['Kabupaten/Kota', 'Jumlah Penduduk'],
    ['Lombok Barat', '730000'],
    ['Lombok Tengah', '1100000'],
    ['Lombok Timur', '1300000'],
  ]));
  const kind = (cells: string[]) => new RowClassifier(layout).classify({ n: 99, cells });

  it('recognises totals, province rows, unlabelled totals, notes and signatures', () => {
    expect(kind(['Lombok Utara', '250000'])).toBe(RowKind.Data);
    expect(kind(['Jumlah     ', '3380000'])).toBe(RowKind.Total);
    expect(kind(['JUMLAH/TOTAL', '3380000'])).toBe(RowKind.Total);
    expect(kind(['NUSA TENGGARA BARAT', '5500000'])).toBe(RowKind.Total);
    expect(kind(['', '3380000'])).toBe(RowKind.Total);
    expect(kind(['Sumber : BPS Provinsi NTB', ''])).toBe(RowKind.Footnote);
    expect(kind(['Source Url: https://ntb.bps.go.id', ''])).toBe(RowKind.Footnote);
    expect(kind(['NIP. 19700101 199503 1 002', ''])).toBe(RowKind.Signature);
    expect(kind(['Mataram, 12 Januari 2024', ''])).toBe(RowKind.Signature);
    expect(kind(['', ''])).toBe(RowKind.Blank);
  });

  it('keeps text rows after a footnote as notes', () => {
    const c = new RowClassifier(layout);
    expect(c.classify({ n: 10, cells: ['Catatan', ''] })).toBe(RowKind.Footnote);
    expect(c.classify({ n: 11, cells: ['angka sementara untuk 2024', ''] })).toBe(RowKind.Footnote);
  });

  it('reads a sentence alone on its row after a blank row, or repeated across a merged row, as a note', () => {
    const note = 'Data Kabupaten Lombok Utara tahun 2008 masih bergabung dengan Lombok Barat';
    const c = new RowClassifier(layout);
    expect(c.classify({ n: 10, cells: ['Lombok Utara', '250000'] })).toBe(RowKind.Data);
    // row 11 is blank (the reader skipped it)
    expect(c.classify({ n: 12, cells: [note, ''] })).toBe(RowKind.Footnote);
    expect(new RowClassifier(layout).classify({ n: 5, cells: [note, note] })).toBe(RowKind.Footnote);
    // a long label in the middle of the data, with no blank row before it, stays data
    const d = new RowClassifier(layout);
    expect(d.classify({ n: 10, cells: ['Lombok Utara', '250000'] })).toBe(RowKind.Data);
    expect(d.classify({ n: 11, cells: [note, ''] })).toBe(RowKind.Data);
  });

  it('does not take province rows as totals in a per-province table', () => {
    const perProvince = analyse(rows([
      ['Provinsi', 'Gini'],
      ['ACEH', '0.29'], ['BALI', '0.36'], ['NUSA TENGGARA BARAT', '0.37'],
    ]));
    expect(new RowClassifier(perProvince).classify({ n: 5, cells: ['BANTEN', '0.37'] })).toBe(RowKind.Data);
    expect(new RowClassifier(perProvince).classify({ n: 5, cells: ['INDONESIA', '0.38'] })).toBe(RowKind.Total);
  });
});

describe('kab/kota named like their province', () => {
  it('keeps a row with a kab/kota code under the named province as data; a province row without one is a total', () => {
    const layout = analyse(rows([
      ['kode_bps', 'nama_bps', 'kode_dagri', 'nama_dagri'],
      ['1508', 'TEBO', '1509', 'KAB. TEBO'],
      ['1509', 'BUNGO', '1508', 'KAB. BUNGO'],
      ['1571', 'JAMBI', '1571', 'KOTA JAMBI'],
      ['1572', 'SUNGAI PENUH', '1572', 'KOTA SUNGAI PENUH'],
      ['7501', 'BOALEMO', '7503', 'KAB. BOALEMO'],
      ['7502', 'GORONTALO', '7501', 'KAB. GORONTALO'],
      ['7503', 'POHUWATO', '7504', 'KAB. POHUWATO'],
      ['7571', 'GORONTALO', '7571', 'KOTA GORONTALO'],
    ]));
    expect(layout.provinceTable).toBe(false);
    const c = new RowClassifier(layout);
    expect(c.classify({ n: 3, cells: ['1571', 'JAMBI', '1571', 'KOTA JAMBI'] })).toBe(RowKind.Data);
    expect(c.classify({ n: 5, cells: ['7502', 'GORONTALO', '7501', 'KAB. GORONTALO'] })).toBe(RowKind.Data);
    expect(c.classify({ n: 6, cells: ['7571', 'GORONTALO', '7571', 'KOTA GORONTALO'] })).toBe(RowKind.Data);
    // the province itself: its own 2-digit code, or no code, or a code under another province
    expect(c.classify({ n: 7, cells: ['15', 'JAMBI', '15', 'PROV. JAMBI'] })).toBe(RowKind.Total);
    expect(c.classify({ n: 8, cells: ['', 'JAMBI', '', ''] })).toBe(RowKind.Total);
    expect(c.classify({ n: 9, cells: ['7571', 'JAMBI', '', ''] })).toBe(RowKind.Total);
  });

  it('does not take a year left of the label for a region code', () => {
    const layout = analyse(rows([
      ['Tahun', 'Wilayah', 'Penduduk'],
      ['2020', 'Bangka', '330000'],
      ['2020', 'Belitung', '180000'],
      ['2020', 'Pangkal Pinang', '220000'],
    ]));
    expect(new RowClassifier(layout).classify({ n: 5, cells: ['2020', 'KEPULAUAN BANGKA BELITUNG', '1460000'] })).toBe(RowKind.Total);
    expect(new RowClassifier(layout).classify({ n: 5, cells: ['1999', 'KEPULAUAN BANGKA BELITUNG', '1460000'] })).toBe(RowKind.Total);
  });
});

describe('"Tahunan" rows', () => {
  it('takes "Tahunan" as the annual total in a column of months, and as a name (Kecamatan Tahunan) elsewhere', () => {
    const kecamatan = analyse(rows([
      ['kode_bps', 'nama_bps', 'kode_dagri', 'nama_dagri'],
      ['3320060', 'BATEALIT', '332005', 'BATEALIT'],
      ['3320070', 'TAHUNAN', '332011', 'TAHUNAN'],
      ['3320080', 'JEPARA', '332006', 'JEPARA'],
    ]));
    expect(new RowClassifier(kecamatan).classify({ n: 3, cells: ['3320070', 'TAHUNAN', '332011', 'TAHUNAN'] })).toBe(RowKind.Data);
    expect(new RowClassifier(kecamatan).classify({ n: 5, cells: ['', 'Jumlah', '', ''] })).toBe(RowKind.Total);

    const monthly = analyse(rows([
      ['variabel', 'tahun', 'bulan', 'nilai'],
      ['Harga Beras', '2010', 'Januari', '6702.48'],
      ['Harga Beras', '2010', 'Februari', '6887.82'],
      ['Harga Beras', '2010', 'Maret', '6950.10'],
    ]));
    expect(monthly.monthCols).toEqual([2]);
    expect(new RowClassifier(monthly).classify({ n: 5, cells: ['Harga Beras', '2010', 'Tahunan', '7084.29'] })).toBe(RowKind.Total);
  });
});

describe('the enclosing kota/kabupaten under its kecamatan and kelurahan', () => {
  const table = [
    ['Kelurahan', 'Luas 2020 Bangunan', 'Luas 2020 Lainnya'],
    ['Kecamatan Prajurit Kulon', '136.04', '145.23'],
    ['Surodinawan', '74.71', '68.89'],
    ['Prajurit Kulon', '61.33', '76.34'],
    ['Kecamatan Magersari', '192.81', '255.99'],
    ['Gunung Gedangan', '83.89', '103.56'],
    ['Kota Baru', '108.92', '152.43'],
  ];

  it('takes "Kota Mojokerto" as a total when its numbers are the sums of the data rows above', () => {
    const c = new RowClassifier(analyse(rows(table)));
    const kinds = table.slice(1).map((cells, i) => c.classify({ n: i + 2, cells }));
    expect(kinds).toEqual([RowKind.Total, RowKind.Data, RowKind.Data, RowKind.Total, RowKind.Data, RowKind.Data]);
    expect(c.classify({ n: 8, cells: ['Kota Mojokerto', '328.85', '401.22'] })).toBe(RowKind.Total);
  });

  it('reads the region label whatever its case and leading spaces (a no-break space too)', () => {
    for (const label of ['KOTA MOJOKERTO', '  kabupaten Mojokerto', '\u00a0Kota Mojokerto', '\tKab. Mojokerto']) {
      const c = new RowClassifier(analyse(rows(table)));
      table.slice(1).forEach((cells, i) => c.classify({ n: i + 2, cells }));
      expect(c.classify({ n: 8, cells: [label, '328.85', '401.22'] }), JSON.stringify(label)).toBe(RowKind.Total);
    }
  });

  it('keeps a region-named row as data when its numbers are not those sums', () => {
    const c = new RowClassifier(analyse(rows(table)));
    table.slice(1).forEach((cells, i) => c.classify({ n: i + 2, cells }));
    // one column adds up, the other does not: data (a kelurahan "Kota Lama" with its own figures)
    expect(c.classify({ n: 8, cells: ['Kota Lama', '328.85', '12.5'] })).toBe(RowKind.Data);
    expect(c.classify({ n: 9, cells: ['Kota Mojokerto', '', ''] })).toBe(RowKind.Data);
  });
});

describe('kecamatan rows with their own code among desa rows', () => {
  const table = [
    ['Kode', 'Desa/Kecamatan', 'Posyandu'],
    ['52.01.01', 'KECAMATAN GERUNG', '30'],
    ['52.01.01.2001', 'Gerung Selatan', '12'],
    ['52.01.01.2002', 'Gerung Utara', '10'],
    ['52.01.01.2003', 'Dasan Geria', '8'],
    ['52.01.02', 'KECAMATAN KEDIRI', '21'],
    ['52.01.02.2001', 'Kediri', '11'],
    ['52.01.02.2002', 'Banyumulek', '9'],
  ];

  it('takes a "Kecamatan X" row whose code is a level above the rows\' codes as their subtotal', () => {
    const layout = analyse(rows(table));
    expect(layout.regionDigits).toBe(10);
    const c = new RowClassifier(layout);
    expect(table.slice(1).map((cells, i) => c.classify({ n: i + 2, cells }))).toEqual([
      RowKind.Total, RowKind.Data, RowKind.Data, RowKind.Data, RowKind.Total, RowKind.Data, RowKind.Data,
    ]);
  });

  it('keeps a "Kecamatan X" row with a code of the rows\' own level as data (a kecamatan table)', () => {
    const kec = [['Kode', 'Kecamatan', 'Posyandu'], ['52.01.01', 'Kecamatan Gerung', '30'], ['52.01.02', 'Kediri', '20'], ['52.01.03', 'Narmada', '25'], ['52.01.04', 'Kecamatan Sekotong', '18'], ['52.01.05', 'Labuapi', '9']];
    const layout = analyse(rows(kec));
    expect([layout.adminSubtotals, layout.regionDigits]).toEqual([true, 6]);
    const c = new RowClassifier(layout);
    expect(kec.slice(1).map((cells, i) => c.classify({ n: i + 2, cells })).every((k) => k === RowKind.Data)).toBe(true);
  });
});

describe('glued-code hierarchies', () => {
  it('takes 3-digit glued kecamatan rows among 2-digit kelurahan rows as subtotals', () => {
    const layout = analyse(rows([
      ['Kecamatan/ Kelurahan', 'Laki laki', 'Perempuan'],
      ['010. Prajurit Kulon', '30867', '31277'],
      ['01. Surodinawan', '3764', '3709'],
      ['02. Kranggan', '6563', '6822'],
      ['03. Miji', '4600', '4669'],
      ['020. Magersari', '36661', '37568'],
      ['01. Meri', '4090', '4163'],
      ['02. Gunung Gedangan', '3415', '3443'],
    ]));
    expect(layout.gluedSubtotals).toBe(true);
    const c = new RowClassifier(layout);
    expect(c.classify({ n: 9, cells: ['020. Magersari', '36661', '37568'] })).toBe(RowKind.Total);
    expect(c.classify({ n: 10, cells: ['03. Kedundung', '7490', '7317'] })).toBe(RowKind.Data);
  });
});
