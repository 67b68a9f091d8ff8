// Time to load the bundled catalog (ajv-checked) and choose a standard for a table's reading, in a fresh process.
const t0 = performance.now();
const { loadCatalog } = await import('../../dist/standards/catalog.js');
const { analyse } = await import('../../dist/read/layout.js');
const { prepare } = await import('../../dist/interpret/facts.js');
const { selectStandard } = await import('../../dist/interpret/choose.js');
const catalog = await loadCatalog();
const rows = [
  ['kode_wilayah', 'nama_kecamatan', 'tahun', 'laki_laki', 'perempuan', 'jumlah'],
  ['52.01.01', 'Gerung', '2023', '45210', '44830', '90040'],
  ['52.01.02', 'Kediri', '2023', '30050', '30211', '60261'],
].map((cells, i) => ({ n: i + 1, cells }));
const layout = analyse(rows);
const p = prepare(layout, rows.slice(1), { path: 'bench.csv', format: 'csv', bytes: 0, merges: [], notes: [] });
const best = selectStandard(p, catalog.standards).chosen;
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, standards: catalog.standards.length, best: best?.standard.info.id ?? null }));
