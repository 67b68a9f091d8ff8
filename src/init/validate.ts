/**
 * Validation of one answer as it is typed: the draft metadata with that answer is checked with ajv (checkMetadata),
 * then with the rules the metadata schema cannot state — the first period not after the last, and a coverage code
 * that exists in the Kemendagri list. The wizard's prompts and the flags of a non-interactive run use the same checks.
 */
import { checkMetadata } from '../standards/metadata-load.js';
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import { regionName } from './answers.js';
import { describePattern } from '../report/describe-rule.js';

/** `true` when the key has no problem in the draft, else a message naming the rule broken. */
export async function validateKey(draft: Record<string, unknown>, key: string, lang: Lang): Promise<true | string> {
  const problems = await checkMetadata(draft, 'init');
  const mine = problems.find((p) => p.pointer === `/${key}` || p.pointer.startsWith(`/${key}/`));
  if (!mine) return ruleProblem(draft, key, lang) ?? true;
  const detail = mine.keyword === 'pattern' ? describePattern(String(mine.params.pattern), lang)
    : mine.keyword === 'enum' ? (mine.params.allowedValues as string[]).join(', ')
    : mine.keyword === 'minLength' ? String(mine.params.limit)
    : mine.keyword;
  return t(lang, `init.invalid.${mine.keyword === 'required' ? 'required' : mine.keyword === 'pattern' ? 'pattern' : mine.keyword === 'enum' ? 'enum' : mine.keyword === 'minLength' ? 'minLength' : 'other'}`, { key, detail });
}

/** The keys checked beyond the schema, with the flag that answers each. */
export const RULE_KEYS: { key: 'periode_awal' | 'periode_akhir' | 'cakupan'; answer: 'periodeAwal' | 'periodeAkhir' | 'cakupan'; flag: string }[] = [
  { key: 'periode_awal', answer: 'periodeAwal', flag: '--periode-awal' },
  { key: 'periode_akhir', answer: 'periodeAkhir', flag: '--periode-akhir' },
  { key: 'cakupan', answer: 'cakupan', flag: '--cakupan' },
];

/** A rule beyond the schema that the key's value (already of the schema's form) breaks, or undefined. */
export function ruleProblem(draft: Record<string, unknown>, key: string, lang: Lang): string | undefined {
  if (key === 'periode_awal' || key === 'periode_akhir') {
    const awal = String(draft.periode_awal ?? '');
    const akhir = String(draft.periode_akhir ?? '');
    if (!periodsInOrder(awal, akhir)) return t(lang, 'init.invalid.period-order', { awal, akhir });
  }
  if (key === 'cakupan') {
    const code = String(draft.cakupan ?? '').trim();
    if (code && !regionName(code)) return t(lang, 'init.invalid.region', { code });
  }
  return undefined;
}

const PERIOD = /^(\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])|S([12])))?$/;

/** The months a period of the metadata covers (`2023`, `2023-Q1`, `2023-S2`, `2023-06`), as month numbers; null when not a period. */
export function periodMonths(p: string): [number, number] | null {
  const m = PERIOD.exec(p.trim());
  if (!m) return null;
  const y = Number(m[1]) * 12;
  if (m[2]) return [y + Number(m[2]) - 1, y + Number(m[2]) - 1];
  if (m[3]) return [y + (Number(m[3]) - 1) * 3, y + Number(m[3]) * 3 - 1];
  if (m[4]) return [y + (Number(m[4]) - 1) * 6, y + Number(m[4]) * 6 - 1];
  return [y, y + 11];
}

/** Whether the first period neither starts nor ends after the last one (true when either is not a period yet). */
export function periodsInOrder(awal: string, akhir: string): boolean {
  const a = periodMonths(awal);
  const b = periodMonths(akhir);
  if (!a || !b) return true;
  return a[0] <= b[0] && a[1] <= b[1];
}
