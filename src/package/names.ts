/**
 * Safe names: the package (and CKAN dataset) name `{kode_opd}-{kode_indikator | standard id | slug(judul)}`,
 * lowercase `[a-z0-9_-]`, ≤ 100 characters; file names inside a package never contain `..`, a slash or
 * an absolute path.
 */
import { basename } from 'node:path';

/** `Dinas Kependudukan 2024!` → `dinas-kependudukan-2024`. */
export function slugify(text: string, max = 100): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
  return s.slice(0, max).replace(/[-_]+$/, '');
}

export interface NameParts {
  slug?: string;
  opd?: string;
  indicator?: string;
  standardId?: string;
  title?: string;
  file: string;
}

/** The deterministic dataset name (at least 2 characters). */
export function packageName(p: NameParts): string {
  if (p.slug) {
    const s = slugify(p.slug);
    if (s.length >= 2) return s;
  }
  const stem = basename(p.file).replace(/\.[^.]+$/, '');
  const subject = p.indicator || p.standardId || p.title || stem;
  const parts = [p.opd, subject].filter((x): x is string => !!x && x.trim() !== '');
  const name = slugify(parts.join('-'));
  return name.length >= 2 ? name : `data-${slugify(stem) || 'x'}`.slice(0, 100);
}

/** A file name safe inside a package: the base name only, no control characters, no leading dots. */
export function safeFileName(name: string): string {
  const base = basename(name.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
    .replace(/^\.+/, '');
  return base === '' ? 'file' : base.slice(0, 150);
}

/** True when a relative path is safe to join under a folder (no `..`, not absolute, no backslash). */
export function isSafeRelative(path: string): boolean {
  if (path === '' || path.startsWith('/') || /^[a-zA-Z]:/.test(path) || path.includes('\\')) return false;
  return path.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}
