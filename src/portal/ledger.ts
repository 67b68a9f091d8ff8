/**
 * The local push ledger, one JSON file per portal, in the `satudata-ledger/1` shape the weekly audit reads
 * (README "Ledger format"): `datasets[]` (name, title, opd, metadata, metadata_modified, plus what push
 * needs: remote package id, the sha256 of every resource pushed, pushed_at, outcome) and `entries[]` per
 * dataset × period (sha256 of the data, validated_at, errors, packaged_at, pushed_at). Re-runs use it to do
 * nothing when nothing changed; an interrupted push resumes from it. Never holds a token. Written
 * atomically (mode 0600) after every change, serialised so concurrent datasets never interleave writes.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ledgerDir } from '../config/location.js';
import { writeFileAtomic } from '../io/atomic.js';
import { digestBytes } from '../package/hash.js';
import type { LoadedPackage } from '../package/load.js';
import { periodsBetween } from './contract.js';

export const LEDGER_SCHEMA = 'satudata-ledger/1';

export interface LedgerResource {
  name: string;
  id?: string;
  sha256: string;
  pushed_at: string;
}

/** What push knows of one dataset on one portal. */
export interface LedgerEntry {
  name: string;
  package_id?: string;
  resources: Record<string, LedgerResource>;
  pushed_at: string;
  outcome: 'pushed' | 'partial' | 'failed' | 'packaged' | 'unchanged';
  /** False when the dataset is private on the portal: pushed, but not published (the report agrees). */
  public?: boolean;
  /** Manual portal: when the walidata confirmed the ZIP was uploaded (`push --confirm`). */
  confirmed_at?: string;
}

interface DatasetRecord extends LedgerEntry {
  item?: string;
  title?: string;
  opd?: string;
  metadata?: Record<string, unknown>;
  metadata_sha256?: string;
  metadata_modified?: string;
}

/** One dataset × period, as the audit counts them. */
export interface PeriodEntry {
  name: string;
  item?: string;
  period: string;
  sha256: string;
  validated_at?: string;
  errors?: number;
  packaged_at?: string;
  pushed_at?: string;
}

/** The periods a package covers: every period from periode_awal to periode_akhir (src/portal/contract.ts). */
export function periodsOf(pkg: LoadedPackage): string[] {
  return periodsBetween(pkg.metadata?.periode_awal, pkg.metadata?.periode_akhir);
}

export class Ledger {
  private chain: Promise<void> = Promise.resolve();
  /** A flush queued but not started yet: later changes ride on it (one write for a burst of records). */
  private pending: Promise<void> | null = null;

  private constructor(
    readonly path: string,
    private readonly portal: string,
    private readonly datasets: Map<string, DatasetRecord>,
    private entries: PeriodEntry[],
  ) {}

  /** Opens (or starts) the ledger of a portal; `location` (the portal URL) is recorded for the audit. */
  static async open(portal: string, dir = ledgerDir(), location?: string): Promise<Ledger> {
    const path = join(dir, `${portal}.json`);
    const datasets = new Map<string, DatasetRecord>();
    let entries: PeriodEntry[] = [];
    if (existsSync(path)) {
      try {
        const json = JSON.parse(await readFile(path, 'utf8')) as { datasets?: DatasetRecord[]; entries?: PeriodEntry[] };
        for (const d of Array.isArray(json.datasets) ? json.datasets : []) if (d && typeof d.name === 'string') datasets.set(d.name, { ...d, resources: d.resources ?? {}, pushed_at: d.pushed_at ?? '', outcome: d.outcome ?? 'pushed' });
        entries = Array.isArray(json.entries) ? json.entries.filter((e) => e && typeof e.name === 'string') : [];
      } catch {
        // a corrupt ledger only costs extra reads: the portal state is the truth
      }
    }
    return new Ledger(path, location ?? portal, datasets, entries);
  }

  get(name: string): LedgerEntry | undefined {
    return this.datasets.get(name);
  }

  /** Records progress or an outcome; with the package, also its title, metadata and period entries. */
  async record(entry: LedgerEntry, pkg?: LoadedPackage): Promise<void> {
    const prev = this.datasets.get(entry.name);
    const rec: DatasetRecord = { ...prev, ...entry };
    if (pkg) {
      const meta = (pkg.metadata ?? {}) as Record<string, unknown>;
      const metaSha = digestBytes(JSON.stringify(meta)).sha256;
      rec.title = pkg.title;
      if (pkg.metadata?.produsen?.kode) rec.opd = pkg.metadata.produsen.kode;
      if (typeof meta.item === 'string') rec.item = meta.item;
      rec.metadata = meta;
      if (prev?.metadata_sha256 !== metaSha) {
        rec.metadata_sha256 = metaSha;
        rec.metadata_modified = entry.pushed_at;
      }
      if (entry.outcome === 'pushed' || entry.outcome === 'unchanged' || entry.outcome === 'packaged') this.upsertEntries(entry, pkg, rec.item);
    }
    this.datasets.set(entry.name, rec);
    return this.schedule();
  }

  /** Writes the ledger after the current write; resolves once a write that includes every change so far ended. */
  private schedule(): Promise<void> {
    if (this.pending) return this.pending;
    const next = this.chain.then(async () => {
      this.pending = null;
      await this.flush();
    });
    this.pending = next;
    this.chain = next;
    return next;
  }

  private upsertEntries(entry: LedgerEntry, pkg: LoadedPackage, item: string | undefined): void {
    const data = pkg.resources.find((r) => r.name === 'data');
    const p = pkg.provenance;
    for (const period of periodsOf(pkg)) {
      const i = this.entries.findIndex((e) => e.name === entry.name && e.period === period);
      const old = i >= 0 ? this.entries[i] : undefined;
      const sha256 = data?.sha256 ?? '';
      const unchanged = old && old.sha256 === sha256;
      const next: PeriodEntry = {
        name: entry.name,
        ...(item ? { item } : {}),
        period,
        sha256,
        ...(p ? { validated_at: p.validated_at, errors: p.report.errors } : {}),
        ...(typeof pkg.descriptor.created === 'string' ? { packaged_at: pkg.descriptor.created } : {}),
        ...(entry.outcome === 'packaged' || entry.public === false ? {} : { pushed_at: unchanged && old?.pushed_at ? old.pushed_at : entry.pushed_at }),
      };
      if (i >= 0) {
        const merged: PeriodEntry = { ...old, ...next };
        // a manual ZIP written again, or a dataset now private: not published (any more)
        if (!('pushed_at' in next)) delete merged.pushed_at;
        this.entries[i] = merged;
      }
      else this.entries.push(next);
    }
  }

  /** Every dataset name recorded (for `push --confirm`). */
  names(): string[] {
    return [...this.datasets.keys()];
  }

  /**
   * Manual portal: the walidata confirms the ZIP of `name` was uploaded through the web form. Its period
   * entries get `pushed_at` (published) = the confirmation time, unless the data changed since the ZIP.
   */
  async confirm(name: string, at: string): Promise<boolean> {
    const rec = this.datasets.get(name);
    if (!rec) return false;
    rec.outcome = 'pushed';
    rec.confirmed_at = at;
    for (const e of this.entries) if (e.name === name && !e.pushed_at) e.pushed_at = at;
    await this.schedule();
    return true;
  }

  private async flush(): Promise<void> {
    const names = [...this.datasets.keys()].sort();
    const entries = [...this.entries].sort((a, b) => (a.name === b.name ? (a.period < b.period ? -1 : 1) : a.name < b.name ? -1 : 1));
    const file = { schema: LEDGER_SCHEMA, portal: this.portal, datasets: names.map((n) => this.datasets.get(n)!), entries };
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 }); // a folder created for the ledger: owner only
    await writeFileAtomic(this.path, JSON.stringify(file, null, 2) + '\n', 0o600);
  }
}
