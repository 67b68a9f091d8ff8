/** Validation of one answer as it is typed: the draft metadata with that answer is checked with ajv (checkMetadata). */
import { checkMetadata } from '../standards/metadata-load.js';
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';

/** `true` when the key has no problem in the draft, else a message naming the rule broken. */
export async function validateKey(draft: Record<string, unknown>, key: string, lang: Lang): Promise<true | string> {
  const problems = await checkMetadata(draft, 'init');
  const mine = problems.find((p) => p.pointer === `/${key}` || p.pointer.startsWith(`/${key}/`));
  if (!mine) return true;
  const detail = mine.keyword === 'pattern' ? String(mine.params.pattern)
    : mine.keyword === 'enum' ? (mine.params.allowedValues as string[]).join(', ')
    : mine.keyword === 'minLength' ? String(mine.params.limit)
    : mine.keyword;
  return t(lang, `init.invalid.${mine.keyword === 'required' ? 'required' : mine.keyword === 'pattern' ? 'pattern' : mine.keyword === 'enum' ? 'enum' : mine.keyword === 'minLength' ? 'minLength' : 'other'}`, { key, detail });
}
