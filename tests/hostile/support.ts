/** Hostile-input helpers: a tiny zip writer (honest or lying sizes), minimal XLSX parts, and a CLI runner
 *  that measures the child's peak RSS (/usr/bin/time -f %M when available) and wall time. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync, constants as zc } from 'node:zlib';
import { BIN, ROOT } from '../support/cli.js';

export interface ZipPart {
  name: string;
  /** Plain content (deflated here) … */
  data?: Buffer | string;
  /** … or a raw deflate stream already made, with its true uncompressed size. */
  raw?: { deflated: Buffer; size: number };
  /** Declare this uncompressed size instead of the true one (a lying zip). */
  declare?: number;
}

export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    let deflated: Buffer;
    let size: number;
    let crc = 0;
    if (p.raw) {
      deflated = p.raw.deflated;
      size = p.raw.size;
    } else {
      const data = Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data ?? '', 'utf8');
      deflated = deflateRawSync(data);
      size = data.length;
      crc = crc32(data);
    }
    const declared = p.declare ?? size;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0, 6);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(crc >>> 0, 14);
    lh.writeUInt32LE(deflated.length, 18);
    lh.writeUInt32LE(Math.min(declared, 0xffffffff), 22);
    lh.writeUInt16LE(name.length, 26);
    locals.push(lh, name, deflated);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(crc >>> 0, 16);
    ch.writeUInt32LE(deflated.length, 20);
    ch.writeUInt32LE(Math.min(declared, 0xffffffff), 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    central.push(ch, name);
    offset += 30 + name.length + deflated.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A raw deflate stream of head + body×times + tail, made without ever holding the expanded data. */
export function repeatedDeflate(head: string, body: string, times: number, tail: string): { deflated: Buffer; size: number } {
  const flush = { finishFlush: zc.Z_SYNC_FLUSH };
  const b = Buffer.from(body);
  const chunk = deflateRawSync(b, flush);
  const out = [deflateRawSync(Buffer.from(head), flush)];
  for (let i = 0; i < times; i++) out.push(chunk);
  out.push(deflateRawSync(Buffer.from(tail)));
  return { deflated: Buffer.concat(out), size: Buffer.byteLength(head) + b.length * times + Buffer.byteLength(tail) };
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts of a minimal one-sheet workbook; pass the sheet (or replace any part). */
export function xlsxParts(sheet: ZipPart | string, over: Partial<Record<string, string>> = {}): ZipPart[] {
  const base: Record<string, string> = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${RNS}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
  };
  const parts: ZipPart[] = Object.entries({ ...base, ...over }).map(([name, data]) => ({ name, data: data! }));
  parts.push(typeof sheet === 'string' ? { name: 'xl/worksheets/sheet1.xml', data: sheet } : sheet);
  return parts;
}

export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>`;
export const SHEET_TAIL = '</sheetData></worksheet>';

export function sheetXml(rows: string[][], extra = ''): string {
  const body = rows
    .map((r, i) => `<row r="${i + 1}">${r.map((v) => (/^-?\d+(\.\d+)?$/.test(v) ? `<c><v>${v}</v></c>` : `<c t="inlineStr"><is><t>${v}</t></is></c>`)).join('')}</row>`)
    .join('');
  return SHEET_HEAD.replace('<sheetData>', `${extra}<sheetData>`) + body + SHEET_TAIL;
}

export function tempDir(prefix = 'satudata-hostile-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function write(dir: string, name: string, data: Buffer | string): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}

export interface Measured {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak RSS of the child in MB (NaN when /usr/bin/time is missing). */
  rssMb: number;
  seconds: number;
  json?: { tables: { path: string; issues: { type: string; severity: string; message: string }[] }[] };
}

const TIME = '/usr/bin/time';

/** Runs the built CLI with --format json; measures peak RSS and wall time; a 45 s safety timeout. */
export function runMeasured(args: string[], env: Record<string, string> = {}, cwd = ROOT): Measured {
  const withTime = existsSync(TIME);
  const cmd = withTime ? TIME : process.execPath;
  const argv = withTime ? ['-f', 'SATUDATA_RSS_KB=%M', process.execPath, BIN, ...args] : [BIN, ...args];
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, {
    cwd,
    env: { ...process.env, NO_COLOR: '1', CI: 'true', SATUDATA_LANG: '', ...env },
    encoding: 'utf8',
    timeout: 45_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - t0) / 1000;
  let stderr = r.stderr ?? '';
  let rssMb = NaN;
  const m = /SATUDATA_RSS_KB=(\d+)\s*$/.exec(stderr);
  if (m) {
    rssMb = Math.round(Number(m[1]) / 1024);
    stderr = stderr.slice(0, m.index).replace(/Command exited with non-zero status \d+\s*$/, '');
  }
  let json: Measured['json'];
  try {
    json = JSON.parse(r.stdout);
  } catch {
    /* not JSON */
  }
  return { code: r.status, stdout: r.stdout, stderr, rssMb, seconds, json };
}

/** All issue codes of a JSON report. */
export function codes(m: Measured): string[] {
  // from the report, and from the coded lines on stderr (an argument that cannot be opened)
  return [...(m.json?.tables ?? []).flatMap((t) => t.issues.map((i) => i.type)), ...[...m.stderr.matchAll(/^satudata: \[([a-z0-9-]+)\]/gm)].map((x) => x[1]!)];
}

/** One line per case for the report (collected from the test output). */
export function observe(name: string, m: Measured): void {
  const list = [...new Set(codes(m))].join(',');
  console.log(`HOSTILE ${name}: exit=${m.code} codes=${list || '-'} rss=${m.rssMb}MB time=${m.seconds.toFixed(2)}s`);
}
