/**
 * A small .gitignore-style matcher for the common patterns: `*`, `**`, `?`, `[abc]`, a leading `/`
 * (anchored to the file's folder), a trailing `/` (folders only), `!` negation, `#` comments and `\` escapes.
 * A pattern without an inner `/` matches a name at any depth; the last matching pattern wins.
 */

export interface Rule {
  regex: RegExp;
  negate: boolean;
  dirOnly: boolean;
}

/** Compiles a glob (already stripped of `!`, the leading and trailing `/`) into a regex body. */
export function globBody(glob: string): string {
  let re = '';
  let i = 0;
  while (i < glob.length) {
    if (glob.startsWith('**/', i) && (i === 0 || glob[i - 1] === '/')) {
      re += '(?:.*/)?';
      i += 3;
    } else if (glob.startsWith('**', i) && (i === 0 || glob[i - 1] === '/') && i + 2 === glob.length) {
      re += '.*';
      i += 2;
    } else {
      const c = glob[i]!;
      if (c === '*') {
        re += '[^/]*';
        i++;
      } else if (c === '?') {
        re += '[^/]';
        i++;
      } else if (c === '[') {
        const end = glob.indexOf(']', i + 2);
        if (end < 0) {
          re += '\\[';
          i++;
        } else {
          let cls = glob.slice(i + 1, end);
          if (cls.startsWith('!')) cls = '^' + cls.slice(1);
          re += '[' + cls.replace(/\\/g, '\\\\') + ']';
          i = end + 1;
        }
      } else if (c === '\\' && i + 1 < glob.length) {
        re += escapeRe(glob[i + 1]!);
        i += 2;
      } else {
        re += escapeRe(c);
        i++;
      }
    }
  }
  return re;
}

function escapeRe(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? '\\' + c : c;
}

/** One line of a .gitignore (or an `exclude` entry) as a rule; null for blanks and comments. */
export function parseRule(line: string): Rule | null {
  let p = line.replace(/\r$/, '');
  if (!/\\\s$/.test(p)) p = p.replace(/\s+$/, '');
  if (p === '' || p.startsWith('#')) return null;
  let negate = false;
  if (p.startsWith('!')) {
    negate = true;
    p = p.slice(1);
  } else if (p.startsWith('\\!') || p.startsWith('\\#')) p = p.slice(1);
  let dirOnly = false;
  if (p.endsWith('/')) {
    dirOnly = true;
    p = p.replace(/\/+$/, '');
  }
  if (p === '') return null;
  const anchored = p.includes('/');
  p = p.replace(/^\/+/, '');
  const body = globBody(p);
  const regex = new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`);
  return { regex, negate, dirOnly };
}

export class IgnoreList {
  private readonly rules: Rule[];
  constructor(lines: Iterable<string>) {
    this.rules = [];
    for (const line of lines) {
      const r = parseRule(line);
      if (r) this.rules.push(r);
    }
  }
  static fromText(text: string): IgnoreList {
    return new IgnoreList(text.split('\n'));
  }
  get size(): number {
    return this.rules.length;
  }
  /** true: ignored, false: re-included by a negation, undefined: no rule says anything. `rel` uses `/`. */
  test(rel: string, isDir: boolean): boolean | undefined {
    let verdict: boolean | undefined;
    for (const r of this.rules) {
      if (r.dirOnly && !isDir) continue;
      if (r.regex.test(rel)) verdict = !r.negate;
    }
    return verdict;
  }
}

/** A glob of the repository config (`data/**\/*.csv`; no `/` = any depth) as a path test. */
export function globMatcher(glob: string): (rel: string) => boolean {
  const rule = parseRule(glob);
  if (!rule) return () => false;
  return (rel) => rule.regex.test(rel);
}
