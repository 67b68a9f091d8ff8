/** The user's language: `--lang`, then SATUDATA_LANG, then Indonesian. */
export type Lang = 'id' | 'en';

export function resolveLang(flag?: string, env: NodeJS.ProcessEnv = process.env): Lang | null {
  const v = (flag ?? env.SATUDATA_LANG ?? 'id').toLowerCase();
  if (v === 'id' || v === 'in' || v.startsWith('id-') || v.startsWith('id_')) return 'id';
  if (v === 'en' || v.startsWith('en-') || v.startsWith('en_')) return 'en';
  return null;
}
