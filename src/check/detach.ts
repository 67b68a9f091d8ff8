/**
 * Copies a string out of the big chunk it was sliced from. A cell text is a V8 "sliced string" that keeps
 * the whole parser chunk (1–2 MB) alive; an issue that stores it for the report would pin every chunk
 * the issues came from. Only strings kept past the row loop go through here.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}
