/** The wizard driven with scripted answers (keystrokes into the prompts' input stream). */
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runWizard } from '../../src/init/wizard.js';
import { catalogFor } from '../../src/standards/resolve.js';
import { buildMetadata } from '../../src/init/answers.js';
import { checkMetadata } from '../../src/standards/metadata-load.js';

const ENTER = '\r';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A screen that records what the prompts draw. Each prompt ends its output pipe; the screen outlives them. */
function screen(): { output: Writable; text: () => string } {
  let shown = '';
  const output = new Writable({ write(chunk, _enc, cb) { shown += String(chunk); cb(); } });
  output.end = (() => output) as typeof output.end;
  return { output, text: () => shown };
}

/** Types each answer once the screen shows the question it belongs to. */
async function script(input: PassThrough, screen: () => string, steps: [RegExp, string][]): Promise<void> {
  for (const [question, keys] of steps) {
    const started = Date.now();
    while (!question.test(screen())) {
      if (Date.now() - started > 5000) throw new Error(`question not shown: ${question}\n${screen()}`);
      await sleep(10);
    }
    for (const ch of keys) {
      input.write(ch);
      await sleep(5);
    }
    await sleep(30);
  }
}

describe('init wizard (scripted)', () => {
  it('asks for the standard and OPD (searchable), period, coverage and the rest, validating as typed', async () => {
    const catalog = await catalogFor();
    const input = new PassThrough();
    const { output, text } = screen();
    const running = runWizard(catalog.standards, {}, 'id', { input, output });
    await script(input, text, [
      [/Standar data/, 'penduduk-jenis' + ENTER],
      [/Produsen data/, 'DINKES' + ENTER],
      [/Periode awal/, 'Triwulan' + ENTER],
      [/tidak sesuai/, '\x7f'.repeat(8) + '2023' + ENTER],
      [/Periode akhir/, ENTER],
      [/Cakupan wilayah/, '\x7f\x7f52.01' + ENTER],
      [/Judul dataset/, ENTER],
      [/Tingkat akses/, ENTER],
      [/Lisensi/, ENTER],
      [/Sumber data/, ENTER],
      [/Email kontak/, 'data@ntbprov.go.id' + ENTER],
      [/Tulis metadata/, ENTER],
    ]);
    const { answers, standard } = await running;
    expect(standard.info.id).toBe('penduduk-jenis-kelamin-kecamatan');
    expect(answers).toMatchObject({ opd: '1.02.0.00.0.00.02.0000', periodeAwal: '2023', periodeAkhir: '2023', cakupan: '52.01', akses: 'terbuka', lisensi: 'CC-BY-4.0', kontak: 'data@ntbprov.go.id' });
    // the invalid period was refused with the schema's rule before the valid one was accepted
    expect(text()).toContain('"periode_awal" bentuknya tidak sesuai');
    expect(await checkMetadata(buildMetadata(standard, answers), 't')).toEqual([]);
  });

  it('refuses a last period before the first and a coverage code that is not a Kemendagri region, saying why', async () => {
    const catalog = await catalogFor();
    const input = new PassThrough();
    const { output, text } = screen();
    const running = runWizard(catalog.standards, { standard: 'penduduk-jenis-kelamin-kecamatan', opd: '1.02.0.00.0.00.02.0000' }, 'id', { input, output });
    await script(input, text, [
      [/Periode awal/, '2024' + ENTER],
      [/Periode akhir/, '\x7f'.repeat(4) + '2020' + ENTER],
      [/sesudah periode akhir/, '\x7f'.repeat(4) + '2025' + ENTER],
      [/Cakupan wilayah/, '\x7f\x7f99.99' + ENTER],
      [/tidak ada di kode referensi/, '\x7f'.repeat(5) + '52.01' + ENTER],
      [/Judul dataset/, ENTER],
      [/Tingkat akses/, ENTER],
      [/Lisensi/, ENTER],
      [/Sumber data/, ENTER],
      [/Email kontak/, ENTER],
      [/Tulis metadata/, ENTER],
    ]);
    const { answers, standard } = await running;
    expect(text()).toContain('Periode awal 2024 sesudah periode akhir 2020');
    expect(text()).toContain('Kode wilayah 99.99 tidak ada di kode referensi Kemendagri');
    expect(answers).toMatchObject({ periodeAwal: '2024', periodeAkhir: '2025', cakupan: '52.01' });
    expect(await checkMetadata(buildMetadata(standard, answers), 't')).toEqual([]);
  });

  it('skips the questions a flag already answered', async () => {
    const catalog = await catalogFor();
    const input = new PassThrough();
    const { output, text } = screen();
    const running = runWizard(catalog.standards, { standard: 'ipm-kabupaten-kota', opd: '1.02.0.00.0.00.02.0000', periodeAwal: '2022', periodeAkhir: '2023', cakupan: '52', akses: 'terbuka', lisensi: 'CC-BY-4.0', sumber: 'BPS', kontak: 'a@b.id' }, 'en', { input, output });
    await script(input, text, [[/Dataset title/, ENTER], [/Write the metadata/, ENTER]]);
    const { answers } = await running;
    expect(text()).not.toContain('Data standard');
    expect(answers.judul).toContain('2022–2023');
  });
});
