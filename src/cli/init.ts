/** `satudata init`: flags → (wizard on a terminal) → metadata checked with ajv → sidecar JSON or workbook copy. */
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import { catalogFor } from '../standards/resolve.js';
import { findStandard } from '../standards/catalog.js';
import { checkMetadata, sidecarPath } from '../standards/metadata-load.js';
import { buildMetadata, missingFlags, opdEntry, type InitAnswers } from '../init/answers.js';
import { EXIT_OK, EXIT_USAGE } from './context.js';
import { cliError, inputUnreadable, outputFolderMissing, printCoded, usageError } from './coded.js';
import { ajvParam, ajvText } from '../i18n/ajv-text.js';
import { termSafe } from '../report/terminal-safe.js';

export interface InitCliOptions extends InitAnswers {
  lang: Lang;
  standards?: string;
  out?: string;
  sheetOut?: string;
  yes?: boolean;
  /** Overwrite an existing metadata file (or --sheet-out workbook). */
  force?: boolean;
}

export async function runInit(file: string | undefined, o: InitCliOptions, io: { interactive?: boolean } = {}): Promise<number> {
  const lang = o.lang;
  // the data file the metadata describes must be there (and a file) before anything is asked or written
  if (file !== undefined && (await inputUnreadable([file], lang))) return EXIT_USAGE;
  const catalog = await catalogFor(o.standards);
  const given: InitAnswers = {};
  for (const k of ['standard', 'opd', 'periodeAwal', 'periodeAkhir', 'cakupan', 'judul', 'akses', 'lisensi', 'sumber', 'metode', 'kontak'] as const) {
    const v = o[k];
    if (typeof v === 'string' && v.trim() !== '') given[k] = v.trim();
  }
  if (given.standard && !findStandard(catalog, given.standard)) {
    return cliError(lang, 'standard-not-found', 'cli.standard-not-found', { id: given.standard, available: catalog.standards.map((s) => s.info.id).join(', ') });
  }
  if (given.opd) {
    const e = opdEntry(given.opd);
    if (!e) return usageError(lang, 'init.unknown-opd', { value: given.opd });
    given.opd = e.kode;
  }
  // the period and coverage flags, checked as the wizard checks typed answers (form, order, a region that exists)
  const { RULE_KEYS, ruleProblem, validateKey } = await import('../init/validate.js');
  const flagDraft: Record<string, unknown> = {};
  for (const r of RULE_KEYS) if (given[r.answer] !== undefined) flagDraft[r.key] = given[r.answer];
  const flagProblems: string[] = [];
  for (const r of RULE_KEYS) {
    if (given[r.answer] === undefined) continue;
    const ok = await validateKey(flagDraft, r.key, lang);
    const message = ok === true ? '' : ok.replace(/\.$/, '');
    if (message && !flagProblems.some((p) => p.endsWith(message))) flagProblems.push(t(lang, 'init.bad-flag', { flag: r.flag, value: given[r.answer], message }));
  }
  if (flagProblems.length) {
    printCoded(lang, 'init-invalid', { detail: flagProblems.join('; ') });
    return EXIT_USAGE;
  }
  // where the metadata goes must be writable and new (or --force), before any question is asked
  const target = o.sheetOut ?? o.out ?? (file ? sidecarPath(file) : 'metadata.json');
  if (await outputFolderMissing(target, lang)) return EXIT_USAGE;
  const { samePath: same } = await import('../io/atomic.js');
  if (file && same(target, file)) return usageError(lang, 'cli.output-is-input', { option: o.sheetOut ? '--sheet-out' : '--out', path: file });
  if (!o.force) {
    const { existsSync } = await import('node:fs');
    if (existsSync(target)) return usageError(lang, 'init.exists', { path: target });
  }
  const interactive = io.interactive ?? (process.stdin.isTTY === true && !o.yes);
  let answers = given;
  let standard = given.standard ? findStandard(catalog, given.standard)! : undefined;
  if (!interactive) {
    const missing = missingFlags(given);
    if (missing.length) {
      printCoded(lang, 'init-missing-flags', { flags: missing.join(', ') });
      return EXIT_USAGE;
    }
  } else {
    const { runWizard, WizardCancelled } = await import('../init/wizard.js');
    try {
      const { standardForFile } = await import('../interpret/choose-file.js');
      const matched = !given.standard && file !== undefined ? (await standardForFile(file, catalog.standards))?.info.id : undefined;
      const r = await runWizard(catalog.standards, given, lang, {}, matched);
      answers = r.answers;
      standard = r.standard;
    } catch (err) {
      if (err instanceof WizardCancelled || (err as Error)?.name === 'ExitPromptError') {
        process.stderr.write(t(lang, 'init.cancelled') + '\n');
        return 130;
      }
      throw err;
    }
  }
  const metadata = buildMetadata(standard!, answers);
  const problems = await checkMetadata(metadata, 'init');
  const rules = [...new Set(RULE_KEYS.map((r) => ruleProblem(metadata as unknown as Record<string, unknown>, r.key, lang)?.replace(/\.$/, '')).filter((m): m is string => !!m))];
  if (problems.length || rules.length) {
    printCoded(lang, 'init-invalid', { detail: [...problems.map((p) => `${p.pointer} ${ajvText(ajvParam([{ keyword: p.keyword, params: p.params }], 1, false), lang)}`), ...rules].join('; ') });
    return EXIT_USAGE;
  }
  const { writeSidecar, writeWorkbookCopy } = await import('../init/write.js');
  const { samePath } = await import('../io/atomic.js');
  let dest: string;
  if (o.sheetOut) {
    if (!file) return usageError(lang, 'init.need-file');
    if (samePath(o.sheetOut, file)) return usageError(lang, 'cli.output-is-input', { option: '--sheet-out', path: file });
    if (!/\.xlsx$/i.test(o.sheetOut)) return usageError(lang, 'init.sheet-out-xlsx', { path: o.sheetOut });
    dest = o.sheetOut;
    await writeWorkbookCopy(file, dest, metadata);
  } else {
    dest = o.out ?? (file ? sidecarPath(file) : 'metadata.json');
    // the metadata never replaces the data file
    if (file && samePath(dest, file)) return usageError(lang, 'cli.output-is-input', { option: '--out', path: file });
    await writeSidecar(dest, metadata);
  }
  process.stdout.write(termSafe(t(lang, 'init.written', { path: dest })) + '\n');
  return EXIT_OK;
}

