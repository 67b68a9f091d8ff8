/** Period keys named in resource or file names: `data-2021.csv`, `2021-Q3`, `rekap_2022_03.xlsx`, `2022-03-15`. */
const PERIOD = /(?<![\d])(\d{4})(?:[-_ .]?(S[12]|Q[1-4]|W\d{2}|(?:0[1-9]|1[0-2])(?:[-_.](?:0[1-9]|[12]\d|3[01]))?))?(?![\d])/gi;

/** Period keys in a text; years outside 1990–2100 (codes like 5201) are ignored. */
export function periodsIn(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(PERIOD)) {
    const y = Number(m[1]);
    if (y < 1990 || y > 2100) continue;
    out.add(m[2] ? `${m[1]}-${m[2].toUpperCase().replace(/[_.]/g, '-')}` : m[1]!);
  }
  return [...out];
}
