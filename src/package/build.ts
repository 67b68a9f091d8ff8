/**
 * `satudata package`: one data file → one Frictionless Data Package folder (or a ZIP), built atomically.
 * Layout: datapackage.json · data/<name>.csv (tidy) · original/<file> (untouched copy) ·
 * report/validation.json · report/validation.html.
 */
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Lang } from '../i18n/lang.js';
import { buildReport } from '../report/build.js';
import { formatJsonParts } from '../report/format-json.js';
import type { Issue, Report, Severity } from '../report/issue.js';
import { findMetadata } from '../check/metadata.js';
import type { Metadata } from '../standards/metadata.js';
import type { TableSchema } from '../standards/schema.js';
import type { Standard, StandardInfo } from '../standards/standard.js';
import { REGION_EDITION } from '../standards/regions.js';
import { checkOutputName, scratchDirFor, writeDirAtomic, writeUnitAtomic } from '../io/atomic.js';
import { buildDescriptor, CODE_LIST_EDITION, type PackageFile, type ResourceRole } from './descriptor.js';
import { digestFile } from './hash.js';
import { packageName, safeFileName } from './names.js';
import { formatHtmlReport } from './report-html.js';
import { writeTidyCsv } from './tidy.js';
import { zipEntries } from './zip.js';
import { ajvParam } from '../i18n/ajv-text.js';

/** A loaded standard, or just a schema (until `--standard ID` exists everywhere). */
export type StandardLike = { schema: TableSchema; info?: Partial<StandardInfo>; path?: string };

export interface PackageOptions {
  standard: StandardLike;
  lang: Lang;
  /** satudata version (provenance). */
  version: string;
  /** Clock for `created` and `validated_at` (SOURCE_DATE_EPOCH in the CLI). */
  now?: Date;
  sheet?: string | number;
  delimiter?: string;
  failOn?: Severity;
  allowInvalid?: boolean;
}

export interface PackageResult {
  name: string;
  /** Where the package was written (folder or .zip). */
  path: string;
  report: Report;
  valid: boolean;
  /** Package-level notes (metadata missing or incomplete, invalid data packaged). */
  notes: Issue[];
  descriptor: Record<string, unknown>;
}

/** Data refused: the report has errors and --allow-invalid was not given. */
export class PackageRefused extends Error {
  constructor(readonly report: Report) {
    super('invalid data');
    this.name = 'PackageRefused';
  }
}

/**
 * Two files would make packages of the same name — in one run, or against a package already in the output
 * folder made from another file — and the second would replace the first (`package-name-clash`).
 */
export class PackageNameClash extends Error {
  constructor(
    readonly packageName: string,
    /** The source of the package already made (file path, or the folder's package and its original file). */
    readonly first: string,
    readonly second: string,
  ) {
    super(packageName);
    this.name = 'PackageNameClash';
  }
}

const FORMATS: Record<string, [string, string]> = {
  '.csv': ['csv', 'text/csv'],
  '.tsv': ['tsv', 'text/tab-separated-values'],
  '.txt': ['csv', 'text/plain'],
  '.xlsx': ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  '.xls': ['xls', 'application/vnd.ms-excel'],
};

interface Prepared {
  name: string;
  metadata: Partial<Metadata> | null;
  notes: Issue[];
}

/**
 * Finds the dataset metadata the way validation does (sidecar JSON/YAML, the workbook's Metadata sheet, a
 * datapackage.json beside the data) and decides the package name.
 */
export async function preparePackage(file: string, standard: StandardLike, sheet?: string | number): Promise<Prepared> {
  const notes: Issue[] = [];
  let metadata: Partial<Metadata> | null = null;
  const found = await findMetadata(file, typeof sheet === 'string' ? { sheetChosen: sheet } : {}).catch(() => null);
  if (!found) notes.push({ code: 'package-no-metadata', severity: 'warning', params: { file: basename(file) } });
  else if (found.unreadable) notes.push({ code: 'package-metadata-invalid', severity: 'warning', params: { source: basename(found.source), pointer: '/', detail: '@reason.bad-json' } });
  else {
    metadata = found.metadata;
    for (const p of found.problems.slice(0, 10)) {
      notes.push({ code: 'package-metadata-invalid', severity: 'warning', params: { source: basename(found.source) + (found.sheet ? ` › ${found.sheet}` : ''), pointer: p.pointer, detail: ajvParam([{ keyword: p.keyword, params: p.params }], 1, false) } });
    }
  }
  const name = packageName({
    ...(metadata?.slug ? { slug: metadata.slug } : {}),
    ...(metadata?.produsen?.kode ? { opd: metadata.produsen.kode } : {}),
    ...(typeof metadata?.produsen?.nama === 'string' ? { opdName: metadata.produsen.nama } : {}),
    ...(metadata?.kode_indikator ? { indicator: metadata.kode_indikator } : {}),
    ...(standard.info?.id ? { standardId: standard.info.id } : typeof standard.schema.name === 'string' ? { standardId: standard.schema.name } : {}),
    ...(metadata?.judul ? { title: metadata.judul } : {}),
    ...(typeof metadata?.cakupan === 'string' ? { cakupan: metadata.cakupan } : {}),
    ...(standard.info?.dataset_per_periode === true && typeof metadata?.periode_akhir === 'string' ? { period: metadata.periode_akhir } : {}),
    file,
  });
  return { name, metadata, notes };
}

/** Writes every package file into `dir` (an empty temp folder) and returns the result. */
export async function buildPackageInto(dir: string, file: string, prep: Prepared, opts: PackageOptions): Promise<Omit<PackageResult, 'path'>> {
  const { name, metadata } = prep;
  const notes = [...prep.notes];
  const { schema, info } = opts.standard;
  const now = (opts.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const sub of ['data', 'original', 'report']) await mkdir(join(dir, sub));

  const dataPath = `data/${name}.csv`;
  const standardRef = {
    ...(info?.id ? { id: info.id } : {}),
    ...(info?.judul ? { title: info.judul } : typeof schema.title === 'string' ? { title: schema.title } : {}),
    ...(info?.versi ? { version: info.versi } : {}),
    ...(opts.standard.path ? { path: basename(opts.standard.path) } : {}),
  };
  const tidy = await writeTidyCsv(file, join(dir, dataPath), {
    schema,
    ...(Object.keys(standardRef).length ? { standard: standardRef } : {}),
    ...(info?.id && info.versi ? { dataStandard: opts.standard as Standard } : {}),
    ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
    ...(opts.delimiter !== undefined ? { delimiter: opts.delimiter } : {}),
  });
  tidy.table.stats.seconds = 0; // timings are not part of a deterministic package
  tidy.table.path = basename(file); // no local folder names in a published report
  const meta = (tidy.table as { metadata?: { source?: unknown } }).metadata;
  if (meta && typeof meta.source === 'string') meta.source = basename(meta.source);
  const report = buildReport([tidy.table], { lang: opts.lang, failOn: opts.failOn ?? 'error', version: opts.version, seconds: 0 });
  if (tidy.table.unreadable || (!report.valid && !opts.allowInvalid)) throw new PackageRefused(report);
  if (!report.valid) notes.push({ code: 'package-allow-invalid', severity: 'warning', params: { errors: report.stats.errors } });
  if (tidy.table.issues.some((i) => i.code === 'metadata-error' || i.code === 'metadata-unreadable')) {
    // the validation already listed the metadata's problems: do not list them twice. A missing metadata file is
    // always said (package-no-metadata), whatever the validation found.
    for (let i = notes.length - 1; i >= 0; i--) if (notes[i]!.code === 'package-metadata-invalid') notes.splice(i, 1);
  }

  const originalName = safeFileName(basename(file));
  const originalPath = `original/${originalName}`;
  await copyFile(file, join(dir, originalPath));
  const title = metadata?.judul ?? info?.judul ?? (typeof schema.title === 'string' ? schema.title : name);
  await writeFile(join(dir, 'report/validation.json'), formatJsonParts(report, opts.lang));
  await writeFile(join(dir, 'report/validation.html'), formatHtmlReport(report, opts.lang, title));

  const [fmt, mediatype] = FORMATS[extname(file).toLowerCase()] ?? ['bin', 'application/octet-stream'];
  const specs: [ResourceRole, string, string, string][] = [
    ['data', dataPath, 'csv', 'text/csv'],
    ['original', originalPath, fmt, mediatype],
    ['report-json', 'report/validation.json', 'json', 'application/json'],
    ['report-html', 'report/validation.html', 'html', 'text/html'],
  ];
  const files: PackageFile[] = [];
  for (const [role, path, format, mt] of specs) files.push({ role, path, format, mediatype: mt, ...(await digestFile(join(dir, path))) });
  const source = files.find((f) => f.role === 'original')!;
  const descriptor = buildDescriptor({
    name,
    title,
    ...(metadata?.deskripsi ? { description: metadata.deskripsi } : typeof schema.description === 'string' ? { description: schema.description } : {}),
    ...(info?.versi ? { version: info.versi } : {}),
    created: now,
    ...(metadata?.lisensi ? { license: metadata.lisensi } : {}),
    keywords: [...(metadata?.topik ?? []), ...(metadata?.tags ?? [])],
    schema,
    files,
    metadata,
    provenance: {
      standard: { id: info?.id ?? (typeof schema.name === 'string' ? schema.name : null), version: info?.versi ?? null, path: opts.standard.path ? basename(opts.standard.path) : null },
      code_list_edition: REGION_EDITION ?? CODE_LIST_EDITION,
      tool: { name: 'satudata', version: opts.version },
      validated_at: now,
      valid: report.valid,
      allow_invalid: !report.valid,
      report: { errors: report.stats.errors, warnings: report.stats.warnings, infos: report.stats.infos, data_rows: tidy.rows },
      source: { file: originalName, sheet: tidy.table.sheet ?? null, bytes: source.bytes, sha256: source.sha256 },
    },
  });
  await writeFile(join(dir, 'datapackage.json'), JSON.stringify(descriptor, null, 2) + '\n');
  return { name, report, valid: report.valid, notes, descriptor };
}

/**
 * Packages one file. `out` is a folder (the package goes to `out/<name>/`) or a path ending in `.zip`.
 * Atomic either way: nothing appears at the destination unless the whole package was written.
 */
export async function packageFile(file: string, out: string, opts: PackageOptions & { taken?: Map<string, string> }): Promise<PackageResult> {
  const prep = await preparePackage(file, opts.standard, opts.sheet);
  const earlier = opts.taken?.get(prep.name);
  if (earlier !== undefined) throw new PackageNameClash(prep.name, earlier, file);
  opts.taken?.set(prep.name, file);
  if (!out.toLowerCase().endsWith('.zip')) {
    // a package of that name already in the folder, made from another file, would be replaced silently
    const other = await existingSource(join(out, prep.name));
    if (other !== undefined && other !== basename(file)) throw new PackageNameClash(prep.name, `${join(out, prep.name)} (${other})`, file);
  }
  if (out.toLowerCase().endsWith('.zip')) {
    // the package is built in a scratch folder next to the zip (its errors name the zip), then zipped as a unit
    const tmp = await scratchDirFor(out);
    try {
      let r: Omit<PackageResult, 'path'> | undefined;
      await writeUnitAtomic([{
        dest: out,
        write: async (zipTmp) => {
          r = await buildPackageInto(tmp, file, prep, opts);
          const entries = [];
          for (const rel of await listFiles(tmp)) entries.push({ path: rel, bytes: await readFile(join(tmp, rel)) });
          await writeFile(zipTmp, await zipEntries(entries));
        },
      }]);
      return { ...r!, path: out };
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }
  const dest = join(out, prep.name);
  checkOutputName(dest);
  // an earlier package of this file is replaced; a folder of that name holding anything else is not
  const r = await writeDirAtomic(dest, (tmp) => buildPackageInto(tmp, file, prep, opts), async (dir) => existsSync(join(dir, 'datapackage.json')));
  return { ...r, path: dest };
}

/** The original file name recorded by the package in `dir`, undefined when there is none (or it is unreadable). */
async function existingSource(dir: string): Promise<string | undefined> {
  try {
    const d = JSON.parse(await readFile(join(dir, 'datapackage.json'), 'utf8')) as { 'satudata:provenance'?: { source?: { file?: unknown } } };
    const f = d['satudata:provenance']?.source?.file;
    return typeof f === 'string' ? f : undefined;
  } catch {
    return undefined;
  }
}

/** Every file under a folder, as sorted relative paths with forward slashes. */
export async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...await listFiles(dir, rel));
    else if (e.isFile()) out.push(rel);
  }
  return out.sort();
}
