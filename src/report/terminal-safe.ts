/**
 * Terminal-safe text: the one helper every pretty/text output passes user text through (cell values, labels,
 * sheet names, file names, portal answers). Control characters — C0, DEL, C1 (ESC starts the screen-clearing
 * and title-setting sequences), and the bidi marks/overrides/isolates that reorder what is shown — are printed
 * escaped (`\x1b`, `\u202e`), a line feed as `⏎`, so a value can neither drive the terminal nor fake a report
 * line ("✔ Valid"). The GitHub, JUnit and Markdown formats keep their own escaping.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeOne(ch: string): string {
  if (ch === '\n') return '⏎';
  const c = ch.charCodeAt(0);
  return c < 0x100 ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
}

/** `text` with its control characters shown escaped (one line, nothing the terminal would act on). */
export function termSafe(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}

/** The same for every string value of message parameters (numbers and the rest are left as they are). */
export function termParams<T extends Record<string, unknown>>(params: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'string' ? termSafe(v) : v;
  return out as T;
}
