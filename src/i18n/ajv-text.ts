/**
 * ajv's validation errors in the user's language. Where an error is made, it is kept as a param (`@ajv:[…]`, the
 * errors' keyword, place and params) and put into words only when the message is rendered: the constraints an
 * officer meets (required, pattern, enum, bounds) in the words of describe-rule, the rest with ajv-i18n's
 * Indonesian or English messages.
 */
import { createRequire } from 'node:module';
import type { Lang } from './lang.js';
import { describeConstraint } from '../report/describe-rule.js';

export interface AjvErrorLike {
  instancePath?: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const PREFIX = `@ajv:`;
/** The same without the places (when the message names the key itself). */
const BARE = `@ajv-bare:`;
const require = createRequire(import.meta.url);

/** The first errors of a validation as one param value, rendered later in the language. */
export function ajvParam(errors: readonly AjvErrorLike[] | null | undefined, max = 4, withPlace = true): string {
  const kept = (errors ?? []).slice(0, max).map((e) => ({ instancePath: e.instancePath ?? '', keyword: e.keyword, params: e.params }));
  return (withPlace ? PREFIX : BARE) + JSON.stringify(kept);
}

export function isAjvParam(value: unknown): value is string {
  return typeof value === 'string' && (value.startsWith(PREFIX) || value.startsWith(BARE));
}

/** `/produsen wajib diisi; /kontak harus cocok dengan format "email"`. */
export function ajvText(value: string, lang: Lang): string {
  const bare = value.startsWith(BARE);
  const json = value.slice(bare ? BARE.length : PREFIX.length);
  let errors: AjvErrorLike[];
  try {
    errors = JSON.parse(json) as AjvErrorLike[];
  } catch {
    return json;
  }
  return errors.map((e) => (bare ? ajvMessage(e, lang) : `${pathOf(e)} ${ajvMessage(e, lang)}`.trim())).join('; ');
}

function pathOf(e: AjvErrorLike): string {
  const base = e.instancePath || '/';
  const missing = `/${String(e.params.missingProperty)}`;
  return e.keyword === 'required' && !base.endsWith(missing) ? `${e.instancePath ?? ''}${missing}` : base;
}

const OWN: Record<string, (p: Record<string, unknown>) => [string, string]> = {
  required: () => ['required', 'true'],
  pattern: (p) => ['pattern', String(p.pattern)],
  enum: (p) => ['enum', ((p.allowedValues as unknown[] | undefined) ?? []).join(', ')],
  minimum: (p) => ['minimum', String(p.limit)],
  maximum: (p) => ['maximum', String(p.limit)],
  minLength: (p) => ['minLength', String(p.limit)],
  maxLength: (p) => ['maxLength', String(p.limit)],
};

function ajvMessage(e: AjvErrorLike, lang: Lang): string {
  const own = OWN[e.keyword];
  if (own) {
    const [constraint, limit] = own(e.params);
    // "wajib diisi, tetapi kosong" reads wrong for a missing key: say it is required
    return constraint === 'required' ? (lang === 'id' ? 'wajib diisi' : 'is required') : describeConstraint(constraint, limit, lang);
  }
  const copy = [{ ...e, message: e.message ?? '' }];
  try {
    (require(`ajv-i18n/localize/${lang}`) as (errors: unknown[]) => void)(copy);
  } catch {
    // no translation: ajv's own message (or the keyword)
  }
  let text = (copy[0]!.message || e.keyword).trim();
  if (lang === 'id') text = text.replace(/\bstring\b/g, 'teks');
  if (e.keyword === 'additionalProperties' && e.params.additionalProperty !== undefined) text += ` (${String(e.params.additionalProperty)})`;
  return text;
}
