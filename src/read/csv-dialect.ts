/** Delimiter detection from the head of a CSV text. */

const CANDIDATES = [',', ';', '\t', '|'];

/** Counts each candidate per line (outside quotes) over the first lines and picks the most consistent one. */
export function detectDelimiter(text: string, maxLines = 50): string {
  const lines: string[] = [];
  let start = 0;
  let inQuote = false;
  for (let i = 0; i < text.length && lines.length < maxLines; i++) {
    const c = text[i];
    if (c === '"') inQuote = !inQuote;
    else if (!inQuote && (c === '\n' || c === '\r')) {
      lines.push(text.slice(start, i));
      if (c === '\r' && text[i + 1] === '\n') i++;
      start = i + 1;
    }
  }
  if (lines.length < maxLines && start < text.length) lines.push(text.slice(start));
  let best = ',';
  let bestScore = -1;
  for (const d of CANDIDATES) {
    const counts: number[] = [];
    for (const line of lines) {
      if (line.trim() === '') continue;
      let n = 0;
      let q = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (c === '"') q = !q;
        else if (c === d && !q) n++;
      }
      counts.push(n);
    }
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const n of counts) if (n > 0) freq.set(n, (freq.get(n) ?? 0) + 1);
    let modeCount = 0;
    let mode = 0;
    for (const [n, f] of freq) if (f > modeCount || (f === modeCount && n > mode)) { modeCount = f; mode = n; }
    if (mode === 0) continue;
    // consistency (lines with the modal count) weighs most, then how many columns it makes
    const score = (modeCount / counts.length) * 1000 + Math.min(mode, 50);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}
