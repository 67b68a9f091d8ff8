/**
 * Validates one file (CSV, one sheet of a workbook, or every sheet): opens it, chooses the standard,
 * finds the metadata, adds the standard's checks (rules, kode referensi, coverage, metadata), and maps
 * read failures to coded issues.
 */
import { openSource, type OpenOptions } from '../read/open.js';
import { fsReason } from '../io/fs-reason.js';
import { ReadError, type RowSource } from '../read/table.js';
import { entry } from '../report/catalog.js';
import type { TableReport } from '../report/issue.js';
import type { Standard } from '../standards/standard.js';
import type { TableSchema } from '../standards/schema.js';
import { matchStandard } from '../standards/resolve.js';
import { sharesTopic } from '../interpret/choose.js';
import type { Prepared } from '../interpret/facts.js';
import { BUNDLED_CATALOG } from '../standards/catalog.js';
import { relative } from 'node:path';
import { currentLimits } from '../read/limits.js';
import { REGION_EDITION } from '../standards/regions.js';
import { validateSource, type ExtensionFactory, type TableOptions } from './validate-table.js';
import { rulesExtension } from './rules.js';
import { csvSharder } from './shard.js';
import { referenceExtension } from './reference.js';
import { regionNameChecks } from './region-name-checks.js';
import { findMetadata, metadataPeriodExtension, reportMetadata, type FoundMetadata } from './metadata.js';
import type { IssueSink } from './sink.js';

export interface FileOptions extends TableOptions, OpenOptions {
  /** A sheet name or 1-based number; `all` (or `*`) validates every visible sheet that has values. */
  sheet?: string | number;
  /** A data standard from the catalog (its schema, Satu Data fields and rules). */
  dataStandard?: Standard;
  /** Without schema or standard: pick the catalog standard that fits the header (`dir` = catalog folder). */
  autoStandard?: { dir?: string } | false;
  /** Look for metadata beside the data (default true). */
  metadata?: boolean;
  /** Seconds one file (one sheet) may take before it is reported as `time-limit` (default: limits.ts). */
  timeLimitSeconds?: number;
  /** false: a large CSV is never split over two threads (the file is validated beside others, the cores are busy). */
  split?: boolean;
}

export const ALL_SHEETS = new Set(['all', '*']);

export async function validateFile(path: string, opts: FileOptions): Promise<TableReport[]> {
  const all = typeof opts.sheet === 'string' && ALL_SHEETS.has(opts.sheet.toLowerCase());
  if (!all) return [await validateOne(path, opts)];
  const first = await validateOne(path, { ...opts, sheet: undefined, allSheets: true }, (src) => src.info.sheets?.filter((s) => s.state === 'visible' && s.empty !== true).map((s) => s.name));
  const reports = [first.report];
  // one workbook, one hash: the other sheets reuse the first sheet's
  const sha256 = first.report.stats.sha256;
  for (const name of first.sheets ?? []) {
    if (name === first.report.sheet) continue;
    reports.push(await validateOne(path, { ...opts, sheet: name, allSheets: true, ...(sha256 ? { sha256 } : {}) }));
  }
  const order = first.sheets ?? [];
  return reports.sort((a, b) => order.indexOf(a.sheet ?? '') - order.indexOf(b.sheet ?? ''));
}

/** The TableReport.standard entry of a standard. */
export function standardRef(std: Standard, matched?: string): NonNullable<TableReport['standard']> {
  const own = std.path && !std.path.startsWith(BUNDLED_CATALOG) ? { path: relative(process.cwd(), std.path) } : {};
  return { id: std.info.id, version: std.info.versi, title: std.info.judul, ...own, ...(matched ? { matched } : {}) };
}

async function validateOne(path: string, opts: FileOptions): Promise<TableReport>;
async function validateOne(path: string, opts: FileOptions, sheetsOf: (src: RowSource) => string[] | undefined): Promise<{ report: TableReport; sheets?: string[] }>;
async function validateOne(path: string, opts: FileOptions, sheetsOf?: (src: RowSource) => string[] | undefined): Promise<TableReport | { report: TableReport; sheets?: string[] }> {
  const started = performance.now();
  const seconds = opts.timeLimitSeconds ?? currentLimits().timeLimitSeconds;
  let source: RowSource | undefined;
  let timer: NodeJS.Timeout | undefined;
  // The per-file time limit aborts the work: the reader stops inflating and parsing at its next chunk, the
  // row loop at its next batch, the shard and hash workers are terminated; the source is closed; the
  // `time-limit` issue is reported once the work has stopped (nothing keeps running after the message).
  let timedOut = false;
  const abort = new AbortController();
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      const err = new ReadError('time-limit', { seconds });
      abort.abort(err);
      void source?.close().catch(() => undefined);
      reject(err);
    }, seconds * 1000);
  });
  deadline.catch(() => undefined);
  const work = validateWork(path, { ...opts, signal: abort.signal }, sheetsOf, (s) => {
    source = s;
    if (timedOut) void s.close().catch(() => undefined);
  });
  work.catch(() => undefined);
  let result: { report: TableReport; sheets?: string[] };
  try {
    result = await Promise.race([work, deadline]);
  } catch (err) {
    await source?.close().catch(() => undefined);
    if (timedOut) await settled(work, STOP_GRACE_MS);
    const read = err instanceof ReadError ? err : fsError(err);
    if (!read) throw err;
    result = { report: unreadableReport(path, read.code, read.params, started) };
  } finally {
    clearTimeout(timer);
  }
  return sheetsOf ? result : result.report;
}

/** The report of a file that could not be checked: one file-level issue (`started`: performance.now() at its start). */
export function unreadableReport(path: string, code: string, params: Record<string, string | number>, started: number): TableReport {
  const severity = entry(code)?.severity ?? 'error';
  return {
    path,
    valid: false,
    unreadable: true,
    labels: [],
    stats: {
      rows: 0, dataRows: 0, errors: severity === 'error' ? 1 : 0, warnings: severity === 'warning' ? 1 : 0, infos: 0,
      seconds: Math.round(performance.now() - started) / 1000, bytes: 0, fields: 0,
    },
    issues: [{ code, severity, params }],
  };
}

/** How long the time limit waits for aborted work to wind down (it stops at its next chunk or batch). */
export const STOP_GRACE_MS = 1500;

/** Resolves when p settles, or after `ms` (a timer that does not keep the process alive). */
export function settled(p: Promise<unknown>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    t.unref();
    p.then(
      () => (clearTimeout(t), resolve()),
      () => (clearTimeout(t), resolve()),
    );
  });
}

/** An I/O error met while reading (the file vanished, became unreadable, a disk error) as a coded error. */
function fsError(err: unknown): ReadError | null {
  const e = err as NodeJS.ErrnoException | undefined;
  if (!e || typeof e.code !== 'string' || !/^E[A-Z]+$/.test(e.code) && e.code !== 'ERR_STREAM_PREMATURE_CLOSE') return null;
  return new ReadError('source-error', { reason: fsReason(e) });
}

async function validateWork(path: string, opts: FileOptions, sheetsOf: ((src: RowSource) => string[] | undefined) | undefined, opened: (s: RowSource) => void): Promise<{ report: TableReport; sheets?: string[] }> {
  let source: RowSource | undefined;
  let report: TableReport;
  let sheets: string[] | undefined;
  try {
    source = await openSource(path, opts);
    // a sheet asked of a text file, which has none: said once, not ignored silently
    if (source.info.format === 'csv' && opts.sheet !== undefined && opts.sheet !== 'all') source.info.notes.push({ code: 'sheet-ignored', params: { sheet: String(opts.sheet) } });
    opened(source);
    sheets = sheetsOf?.(source);
    const found = opts.metadata === false ? null : await findMetadata(path, { sheetChosen: source.info.sheet, sheets: source.info.sheets });
    let chosen: Standard | undefined = opts.dataStandard;
    let schema: TableSchema | undefined = opts.schema ?? chosen?.schema;
    const resolveSchema = !schema && opts.autoStandard
      ? async (prepared: Prepared, sink: IssueSink) => {
          const m = await matchStandard(prepared, (opts.autoStandard as { dir?: string }).dir);
          const label = (x: { score: { id: string; score: number } }) => `${x.score.id} (${x.score.score})`;
          const runnerUp = m.ranked.find((r) => r !== m.chosen);
          if (m.chosen) {
            const c = m.chosen;
            chosen = c.standard;
            sink.add('standard-matched', { id: c.score.id, score: c.score.score, supplied: c.score.required, columns: c.score.columns, runnerUp: runnerUp ? label(runnerUp) : '—' });
            return {
              schema: c.standard.schema,
              standard: standardRef(c.standard, String(c.score.score)),
              choice: { how: 'matched' as const, id: c.score.id, score: c.score.score, ...(runnerUp ? { runnerUp: runnerUp.score } : {}) },
            };
          }
          // "closest" only for a standard whose measures the table holds (sharesTopic): not one it shares only a year,
          // a region column or a lone total with — none is named then
          const closest = m.ranked.filter((r) => r.score.score > 0 && sharesTopic(r)).slice(0, 3);
          if (m.ranked.length) sink.add('no-standard-matched', { closest: closest.length ? closest.map(label).join(', ') : '@std.none-close', first: closest[0]?.score.id ?? 'ID' });
          return { choice: { how: 'none' as const, closest: closest.map((x) => x.score) } };
        }
      : undefined;
    const extensions: ExtensionFactory[] = [
      (ctx) => {
        reportMetadata(found, chosen?.info, ctx.sink);
        return null;
      },
      (ctx) => (chosen ? rulesExtension(chosen.info)(ctx) : null),
      // a field bound to a code list is checked with or without a standard's satudata block
      (ctx) => referenceExtension(chosen?.info ?? {}, chosen ? { cakupan: found?.metadata.cakupan } : {})(ctx),
      (ctx) => metadataPeriodExtension(found, chosen?.info)(ctx),
      regionNameChecks,
      ...(opts.extensions ?? []),
    ];
    report = await validateSource(source, {
      ...opts,
      ...(source.info.format === 'csv' && opts.split !== false ? { shard: csvSharder(source.info, () => chosen, opts.maxErrors, opts.signal) } : {}),
      schema,
      ...(chosen && !opts.standard ? { standard: standardRef(chosen) } : {}),
      extensions,
      resolveSchema,
      standardInfo: () => chosen?.info,
    });
    decorate(report, chosen?.schema ?? schema, found);
  } catch (err) {
    await source?.close().catch(() => undefined);
    throw err;
  }
  return { report, ...(sheets ? { sheets } : {}) };
}

function decorate(report: TableReport, schema: TableSchema | undefined, found: FoundMetadata | null): void {
  if (schema && schema.fields.some((f) => (f['satudata:kode'] as { daftar?: string } | undefined)?.daftar === 'wilayah')) {
    report.references = { wilayah: REGION_EDITION };
  }
  if (found) report.metadata = { source: found.source, ...(found.sheet ? { sheet: found.sheet } : {}) };
}
