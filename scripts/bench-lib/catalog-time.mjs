// Time to load the bundled catalog (ajv-checked) and match a header against it, in a fresh process.
const t0 = performance.now();
const { loadCatalog, matchCatalog, unambiguousMatch } = await import('../../dist/standards/catalog.js');
const catalog = await loadCatalog();
const matches = matchCatalog(catalog, ['kode_wilayah', 'nama_kecamatan', 'tahun', 'laki_laki', 'perempuan', 'jumlah']);
const best = unambiguousMatch(matches);
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, standards: catalog.standards.length, best: best?.standard.info.id ?? null }));
