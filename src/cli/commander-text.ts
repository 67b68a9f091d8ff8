/**
 * Commander's own texts in the user's language: the help headings and value names, and its error lines, which
 * become one coded line (`satudata: [usage-error] …`) followed by where to find help.
 */
import type { Command } from 'commander';
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';

/** Value and argument names of the help (`<file>`, `<files...>`) in Indonesian. */
const ID_NAMES: Record<string, string> = {
  file: 'berkas',
  files: 'berkas',
  'file.xlsx': 'berkas.xlsx',
  'out.xlsx': 'keluaran.xlsx',
  dir: 'folder',
  'dir|zip': 'folder|zip',
  name: 'nama',
  'name|number': 'nama|nomor',
  'name|number|all': 'nama|nomor|all',
  n: 'n',
  id: 'id',
  level: 'tingkat',
  char: 'karakter',
  spec: 'rincian',
  seconds: 'detik',
  ref: 'ref',
  packages: 'paket',
  meaning: 'arti',
  kind: 'jenis',
  format: 'format',
  email: 'email',
  date: 'tanggal',
  'code': 'kode',
  text: 'teks',
  url: 'url',
  lang: 'bahasa',
  command: 'perintah',
  options: 'opsi',
};

const ID_TITLES: Record<string, string> = {
  'Usage:': 'Pemakaian:',
  'Arguments:': 'Argumen:',
  'Options:': 'Opsi:',
  'Global Options:': 'Opsi umum:',
  'Commands:': 'Perintah:',
};

/** The name of a value or an argument as the help shows it in the language. */
export function valueName(name: string, lang: Lang): string {
  return lang === 'id' ? (ID_NAMES[name] ?? name) : name;
}

/** Names between brackets (`<file>`, `[options]`, `<files...>`) in the language. */
export function translateTerms(text: string, lang: Lang): string {
  if (lang !== 'id') return text;
  return text.replace(/([<[])([a-z][a-z|-]*(?:\.[a-z]+)?)(\.\.\.)?([>\]])/g, (m, open: string, name: string, dots: string | undefined, close: string) =>
    ID_NAMES[name] ? `${open}${ID_NAMES[name]}${dots ?? ''}${close}` : m);
}

/**
 * Overrides for commander's Help (configureHelp) so that every help text is in the language: headings, value
 * names and the "(choices: …)" notes. They style the terms, so commander still aligns the columns.
 */
export function helpInLanguage(lang: Lang): Record<string, (str: string) => string> {
  if (lang !== 'id') return {};
  const extras = (str: string) => str.replace(/\(choices: /g, '(pilihan: ').replace(/\bdefault: /g, 'bawaan: ').replace(/\benv: /g, 'variabel lingkungan: ');
  return {
    styleTitle: (str) => ID_TITLES[str] ?? str,
    styleUsage: (str) => translateTerms(str, lang),
    styleOptionTerm: (str) => translateTerms(str, lang),
    styleSubcommandTerm: (str) => translateTerms(str, lang),
    styleArgumentTerm: (str) => valueName(str, lang),
    styleOptionDescription: extras,
    styleArgumentDescription: extras,
  };
}

/** Commander's error text as one coded line in the language, and where to find help for `command`. */
export function translateCommanderError(text: string, lang: Lang, command?: Command): string {
  const rules: [RegExp, string][] = [
    [/unknown command '([^']*)'/, 'cli.unknown-command'],
    [/unknown option '([^']*)'/, 'cli.unknown-option'],
    [/missing required argument '([^']*)'/, 'cli.missing-argument'],
    [/required option '([^']*)' not specified/, 'cli.missing-option'],
    [/option '([^']*)' argument missing/, 'cli.missing-option-value'],
    [/option '([^']*)' argument '([^']*)' is invalid/, 'cli.invalid-option-value'],
    [/too many arguments/, 'cli.too-many-arguments'],
    [/option '([^']*)' cannot be used with option '([^']*)'/, 'cli.conflicting-options'],
  ];
  const path = commandPath(command);
  const seeHelp = t(lang, 'cli.see-command-help', { command: path });
  for (const [re, key] of rules) {
    const m = re.exec(text);
    if (!m) continue;
    let name = m[1];
    if (key === 'cli.missing-argument' && name) {
      const arg = command?.registeredArguments.find((a) => a.name() === name);
      name = valueName(name, lang) + (arg?.description ? ` (${arg.description})` : '');
    } else if (name) {
      name = translateTerms(name, lang);
    }
    let extra = '';
    const choices = /Allowed choices are ([^\n]*?)\.?\s*$/m.exec(text);
    if (choices) extra += ' ' + t(lang, 'cli.allowed-choices', { choices: choices[1] });
    const mean = /\(Did you mean ([^?]*)\?\)/.exec(text);
    if (mean) extra += ' ' + t(lang, 'cli.did-you-mean', { name: mean[1] });
    return `satudata: [usage-error] ${t(lang, key, { name, value: m[2], other: m[2] })}${extra ? `.${extra}` : ''}\n${seeHelp}\n`;
  }
  return `satudata: [usage-error] ${t(lang, 'cli.usage-error', { detail: text.replace(/^error:\s*/, '').trim() })}\n${seeHelp}\n`;
}

function commandPath(command?: Command): string {
  const names: string[] = [];
  for (let c: Command | null | undefined = command; c; c = c.parent) names.unshift(c.name());
  if (names.length === 0) names.push('satudata');
  return names.join(' ');
}
