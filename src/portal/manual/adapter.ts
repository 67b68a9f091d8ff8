/**
 * The manual adapter, for portals without an API (the PHP-based Satu Data NTB portal): one ZIP per dataset
 * to upload through the web form — the package files (tidy CSV, original, datapackage.json, validation
 * report JSON + HTML), a one-sheet Metadata.xlsx with Indonesian labels and a README with the upload
 * steps and the sha256 of every file. Deterministic: an unchanged package gives the same ZIP (skipped).
 * Nothing reaches a portal by itself: the ledger records the ZIP as `packaged` (collected, not published)
 * until the walidata confirms the upload with `satudata push --portal NAME --confirm DATASET…`; a changed ZIP
 * is `packaged` again.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { PortalConfig } from '../../config/config.js';
import type { Lang } from '../../i18n/lang.js';
import { t } from '../../i18n/ui.js';
import { writeFileAtomic } from '../../io/atomic.js';
import { digestBytes } from '../../package/hash.js';
import type { LoadedPackage } from '../../package/load.js';
import { zipEntries, type ZipEntry } from '../../package/zip.js';
import type { LedgerEntry } from '../ledger.js';
import type { ApplyResult, DatasetPlan, Identity, Portal } from '../types.js';
import { metadataXlsx } from './metadata-xlsx.js';
import { DEFAULT_MANUAL_DIR } from '../../config/config.js';


export interface ManualAdapterOptions {
  name: string;
  config: PortalConfig;
  lang: Lang;
  now?: () => Date;
}

/** The ZIP entries of the manual package (README last, listing the sha256 of every other file). */
export async function manualEntries(pkg: LoadedPackage, lang: Lang): Promise<ZipEntry[]> {
  const created = typeof pkg.descriptor.created === 'string' ? new Date(pkg.descriptor.created) : new Date(0);
  const entries: ZipEntry[] = [
    { path: 'datapackage.json', bytes: pkg.descriptorBytes },
    ...pkg.resources.map((r) => ({ path: r.path, bytes: r.bytes })),
    { path: 'Metadata.xlsx', bytes: await metadataXlsx(pkg.metadata ?? {}, lang, created, [t(lang, 'manual.xlsx.key'), t(lang, 'manual.xlsx.value')]) },
  ];
  entries.sort((a, b) => (a.path < b.path ? -1 : 1));
  const lines = [
    t(lang, 'manual.readme.title', { title: pkg.title }),
    '',
    t(lang, 'manual.readme.intro', { name: pkg.name }),
    '',
    t(lang, 'manual.readme.steps'),
    ...[1, 2, 3, 4, 5].map((i) => `  ${i}. ${t(lang, `manual.readme.step${i}`, { csv: pkg.resources.find((r) => r.name === 'data')?.path ?? '' })}`),
    '',
    t(lang, 'manual.readme.files'),
    ...entries.map((e) => `  ${digestBytes(e.bytes).sha256}  ${e.path}`),
    '',
    t(lang, 'manual.readme.check'),
    '',
  ];
  return [...entries, { path: 'README.txt', bytes: new TextEncoder().encode(lines.join('\n')) }];
}

export class ManualPortal implements Portal {
  readonly name: string;
  private readonly dir: string;

  constructor(private readonly o: ManualAdapterOptions) {
    this.name = o.name;
    this.dir = resolve(o.config.dir ?? DEFAULT_MANUAL_DIR);
  }

  async identify(): Promise<Identity> {
    return { user: '-', organization: '-', portal: `manual (${this.dir})`, notes: [] };
  }

  async plan(pkg: LoadedPackage, previous: LedgerEntry | undefined): Promise<DatasetPlan> {
    const bytes = await zipEntries(await manualEntries(pkg, this.o.lang));
    const sha256 = digestBytes(bytes).sha256;
    const path = join(this.dir, `${pkg.name}.zip`);
    const same = existsSync(path) && digestBytes(await readFile(path)).sha256 === sha256;
    const step = same && previous?.resources.zip?.sha256 === sha256
      ? { action: 'skip' as const, target: 'file' as const, name: `${pkg.name}.zip` }
      : { action: 'write' as const, target: 'file' as const, name: `${pkg.name}.zip`, detail: path, data: { bytes, sha256, path } };
    return { name: pkg.name, source: pkg.source, steps: [step] };
  }

  async apply(pkg: LoadedPackage, plan: DatasetPlan, previous: LedgerEntry | undefined): Promise<ApplyResult> {
    const step = plan.steps[0]!;
    // an unchanged ZIP keeps its state: packaged until the walidata confirms the upload (push --confirm)
    if (step.action === 'skip') return { name: pkg.name, outcome: 'unchanged', writes: 0, ...(previous ? { entry: { ...previous, outcome: previous.outcome === 'pushed' ? 'pushed' as const : 'packaged' as const } } : {}) };
    const d = step.data as { bytes: Uint8Array; sha256: string; path: string };
    await writeFileAtomic(d.path, d.bytes);
    const now = (this.o.now?.() ?? new Date()).toISOString();
    return { name: pkg.name, outcome: 'ok', writes: 1, entry: { name: pkg.name, resources: { zip: { name: `${pkg.name}.zip`, sha256: d.sha256, pushed_at: now } }, pushed_at: now, outcome: 'packaged' } };
  }
}
