/**
 * The interactive wizard (@inquirer/prompts v7): standard (searchable), OPD (searchable, from the OPD code
 * list), period and coverage, then the remaining metadata with the standard's defaults. Every answer is
 * checked with the metadata schema (ajv) as it is typed. Questions already answered by a flag are skipped.
 */
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import type { Standard } from '../standards/standard.js';
import { buildMetadata, defaultsFrom, opdChoices, type InitAnswers } from './answers.js';
import { validateKey } from './validate.js';

export interface PromptIO {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

const match = (q: string | undefined, ...texts: string[]) => !q || texts.some((x) => x.toLowerCase().includes(q.toLowerCase()));

export async function runWizard(standards: Standard[], given: InitAnswers, lang: Lang, io: PromptIO = {}, matched?: string): Promise<{ answers: InitAnswers; standard: Standard }> {
  const { search, input, select, confirm } = await import('@inquirer/prompts');
  const ctx = io.input || io.output ? { ...(io.input ? { input: io.input } : {}), ...(io.output ? { output: io.output } : {}) } : undefined;
  const a: InitAnswers = { ...given };
  if (!a.standard) {
    a.standard = await search<string>({
      message: t(lang, 'init.q.standard'),
      // the standard the data file fits (interpret/choose.ts) comes first, marked
      source: (q) => [...standards].sort((x, y) => Number(y.info.id === matched) - Number(x.info.id === matched))
        .filter((s) => match(q, s.info.id, s.info.judul))
        .map((s) => ({ name: `${s.info.id} — ${s.info.judul}${s.info.id === matched ? ` ${t(lang, 'init.matched')}` : ''}`, value: s.info.id })),
    }, ctx);
  }
  const standard = standards.find((s) => s.info.id === a.standard || `${s.info.id}@${s.info.versi}` === a.standard)!;
  const draft = (extra: Partial<InitAnswers>) => buildMetadata(standard, { ...a, ...extra }) as unknown as Record<string, unknown>;
  const check = (key: string, extra: (v: string) => Partial<InitAnswers>) => async (v: string) => validateKey(draft(extra(v)), key, lang);
  if (!a.opd) {
    const opds = opdChoices();
    a.opd = await search<string>({
      message: t(lang, 'init.q.opd'),
      source: (q) => opds.filter((o) => match(q, o.kode, o.nama, o.singkatan ?? '')).map((o) => ({ name: `${o.singkatan ?? o.kode} — ${o.nama}`, value: o.kode })),
    }, ctx);
  }
  if (!a.periodeAwal) a.periodeAwal = (await input({ message: t(lang, 'init.q.periode-awal'), validate: check('periode_awal', (v) => ({ periodeAwal: v.trim() })) }, ctx)).trim();
  if (!a.periodeAkhir) a.periodeAkhir = (await input({ message: t(lang, 'init.q.periode-akhir'), default: a.periodeAwal, validate: check('periode_akhir', (v) => ({ periodeAkhir: v.trim() })) }, ctx)).trim();
  // validateKey also checks the period order and that the coverage code exists (see validate.ts)
  if (!a.cakupan) a.cakupan = (await input({ message: t(lang, 'init.q.cakupan'), default: '52', validate: check('cakupan', (v) => ({ cakupan: v.trim() })) }, ctx)).trim();
  const d = defaultsFrom(standard, a);
  if (!a.judul) a.judul = (await input({ message: t(lang, 'init.q.judul'), default: d.judul, validate: check('judul', (v) => ({ judul: v })) }, ctx)).trim();
  if (!a.akses) a.akses = await select<string>({ message: t(lang, 'init.q.akses'), choices: ['terbuka', 'terbatas', 'tertutup'].map((v) => ({ name: v, value: v })), default: 'terbuka' }, ctx);
  if (!a.lisensi) a.lisensi = (await input({ message: t(lang, 'init.q.lisensi'), default: d.lisensi, validate: check('lisensi', (v) => ({ lisensi: v })) }, ctx)).trim();
  if (!a.sumber) a.sumber = (await input({ message: t(lang, 'init.q.sumber'), default: d.sumber || undefined, validate: check('sumber', (v) => ({ sumber: v })) }, ctx)).trim();
  if (!a.kontak) {
    const k = (await input({ message: t(lang, 'init.q.kontak'), validate: async (v) => (v.trim() === '' ? true : validateKey(draft({ kontak: v.trim() }), 'kontak', lang)) }, ctx)).trim();
    if (k) a.kontak = k;
  }
  const ok = await confirm({ message: t(lang, 'init.q.confirm'), default: true }, ctx);
  if (!ok) throw new WizardCancelled();
  return { answers: a, standard };
}

export class WizardCancelled extends Error {}
