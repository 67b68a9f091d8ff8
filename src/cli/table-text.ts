import { termSafe } from '../report/terminal-safe.js';

/** A plain-text table for the terminal (column widths from the content, long cells cut, control characters
 *  shown escaped). */
export function table(head: string[], rows: string[][], maxWidth = 60): string {
  const cut = (raw: string) => {
    const s = termSafe(raw);
    return s.length > maxWidth ? s.slice(0, maxWidth - 1) + '…' : s;
  };
  const all = [head, ...rows].map((r) => r.map((c) => cut(c ?? '')));
  const widths = head.map((_, i) => all.reduce((w, r) => Math.max(w, [...(r[i] ?? '')].length), 0));
  const line = (r: string[]) => r.map((c, i) => c + ' '.repeat(Math.max(0, widths[i]! - [...c].length))).join('  ').trimEnd();
  return [line(all[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n') + '\n';
}
