/**
 * The local push ledger, one JSON file per portal: for each dataset its name, remote ids, the sha256 of
 * every resource pushed, when and with what outcome. Re-runs use it to do nothing when nothing changed;
 * an interrupted push resumes from it. Never holds a token. Written atomically after every dataset.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ledgerDir } from '../config/location.js';
import { writeFileAtomic } from '../package/atomic.js';

export interface LedgerResource {
  name: string;
  id?: string;
  sha256: string;
  pushed_at: string;
}

export interface LedgerEntry {
  name: string;
  package_id?: string;
  /** sha256 of the dataset metadata as sent (to skip unchanged patches). */
  metadata_sha256?: string;
  resources: Record<string, LedgerResource>;
  pushed_at: string;
  outcome: 'pushed' | 'partial' | 'failed' | 'packaged' | 'unchanged';
}

export interface LedgerFile {
  portal: string;
  datasets: Record<string, LedgerEntry>;
}

export class Ledger {
  private dirty = false;
  private chain: Promise<void> = Promise.resolve();

  private constructor(
    readonly path: string,
    private data: LedgerFile,
  ) {}

  static async open(portal: string, dir = ledgerDir()): Promise<Ledger> {
    const path = join(dir, `${portal}.json`);
    let data: LedgerFile = { portal, datasets: {} };
    if (existsSync(path)) {
      try {
        const json = JSON.parse(await readFile(path, 'utf8')) as LedgerFile;
        if (json && typeof json.datasets === 'object') data = { portal, datasets: json.datasets };
      } catch {
        // a corrupt ledger only costs extra reads: the portal state is the truth
      }
    }
    return new Ledger(path, data);
  }

  get(name: string): LedgerEntry | undefined {
    return this.data.datasets[name];
  }

  entries(): LedgerEntry[] {
    return Object.values(this.data.datasets);
  }

  /** Records an entry and writes the file (serialised: concurrent pushes never interleave writes). */
  async record(entry: LedgerEntry): Promise<void> {
    this.data.datasets[entry.name] = entry;
    this.dirty = true;
    this.chain = this.chain.then(() => this.flush());
    return this.chain;
  }

  private async flush(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    const sorted: LedgerFile = { portal: this.data.portal, datasets: {} };
    for (const k of Object.keys(this.data.datasets).sort()) sorted.datasets[k] = this.data.datasets[k]!;
    await writeFileAtomic(this.path, JSON.stringify(sorted, null, 2) + '\n', 0o600);
  }
}
