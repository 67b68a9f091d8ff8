/**
 * A tiny, safe arithmetic expression language for standard rules: numbers, field names, + - * /,
 * parentheses, unary minus. Compiled once to a closure over a value lookup; no eval.
 */
export type Lookup = (field: string) => number | undefined;
export type Compiled = (get: Lookup) => number | undefined;

export class ExpressionError extends Error {}

type Token = { kind: 'num'; value: number } | { kind: 'name'; value: string } | { kind: 'op'; value: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/()]))/y;
  let i = 0;
  while (i < src.length) {
    if (/\s/.test(src[i]!)) {
      i++;
      continue;
    }
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) throw new ExpressionError(`unexpected "${src.slice(i, i + 10)}"`);
    if (m[1] !== undefined) out.push({ kind: 'num', value: Number(m[1]) });
    else if (m[2] !== undefined) out.push({ kind: 'name', value: m[2] });
    else out.push({ kind: 'op', value: m[3]! });
    i = re.lastIndex;
  }
  return out;
}

/** Compiles `expr`; `fields` are the names it may use (others are an error). Returns the names it uses too. */
export function compileExpression(expr: string, fields: Set<string>): { run: Compiled; uses: string[] } {
  const tokens = tokenize(expr);
  let p = 0;
  const uses = new Set<string>();
  const peek = () => tokens[p];
  const parseExpr = (): Compiled => {
    let left = parseTerm();
    for (let t = peek(); t && t.kind === 'op' && (t.value === '+' || t.value === '-'); t = peek()) {
      p++;
      const right = parseTerm();
      const l = left;
      left = t.value === '+' ? (g) => bin(l(g), right(g), (a, b) => a + b) : (g) => bin(l(g), right(g), (a, b) => a - b);
    }
    return left;
  };
  const parseTerm = (): Compiled => {
    let left = parseFactor();
    for (let t = peek(); t && t.kind === 'op' && (t.value === '*' || t.value === '/'); t = peek()) {
      p++;
      const right = parseFactor();
      const l = left;
      left = t.value === '*' ? (g) => bin(l(g), right(g), (a, b) => a * b) : (g) => bin(l(g), right(g), (a, b) => (b === 0 ? undefined : a / b));
    }
    return left;
  };
  const parseFactor = (): Compiled => {
    const t = tokens[p++];
    if (!t) throw new ExpressionError('unexpected end');
    if (t.kind === 'num') return () => t.value;
    if (t.kind === 'name') {
      if (!fields.has(t.value)) throw new ExpressionError(`unknown field "${t.value}"`);
      uses.add(t.value);
      return (g) => g(t.value);
    }
    if (t.value === '-') {
      const inner = parseFactor();
      return (g) => {
        const v = inner(g);
        return v === undefined ? undefined : -v;
      };
    }
    if (t.value === '(') {
      const inner = parseExpr();
      if (tokens[p++]?.value !== ')') throw new ExpressionError('missing ")"');
      return inner;
    }
    throw new ExpressionError(`unexpected "${t.value}"`);
  };
  const run = parseExpr();
  if (p !== tokens.length) throw new ExpressionError(`unexpected "${String(tokens[p]!.value)}"`);
  return { run, uses: [...uses] };
}

function bin(a: number | undefined, b: number | undefined, f: (a: number, b: number) => number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : f(a, b);
}
