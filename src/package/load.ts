/**
 * Reads a package written by `satudata package` (a folder or a .zip) for push: the descriptor, the
 * canonical metadata, the provenance and every resource's bytes, checked against the declared sha256
 * (a package changed after packaging is refused).
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Metadata } from '../standards/metadata.js';
import { declaredSha256, type Provenance } from './descriptor.js';
import { digestBytes } from './hash.js';
import { isSafeRelative } from './names.js';
import { unzipEntries } from './zip.js';

export interface LoadedResource {
  name: string;
  path: string;
  format: string;
  mediatype: string;
  bytes: Uint8Array;
  size: number;
  sha256: string;
}

export interface LoadedPackage {
  /** Where it was read from. */
  source: string;
  name: string;
  title: string;
  descriptor: Record<string, unknown>;
  metadata: Partial<Metadata> | null;
  provenance: Provenance | null;
  resources: LoadedResource[];
  /** datapackage.json itself, pushed as a resource too. */
  descriptorBytes: Uint8Array;
}

/** A package that cannot be read or whose files do not match their declared hashes. */
export class PackageLoadError extends Error {
  constructor(
    readonly source: string,
    readonly detail: string,
  ) {
    super(`${source}: ${detail}`);
    this.name = 'PackageLoadError';
  }
}

export async function loadPackage(source: string): Promise<LoadedPackage> {
  let read: (rel: string) => Promise<Uint8Array>;
  try {
    if ((await stat(source)).isDirectory()) {
      read = async (rel) => new Uint8Array(await readFile(join(source, rel)));
    } else {
      const entries = new Map((await unzipEntries(await readFile(source))).map((e) => [e.path, e.bytes]));
      read = async (rel) => {
        const b = entries.get(rel);
        if (!b) throw new Error(`${rel} missing`);
        return b;
      };
    }
  } catch (err) {
    throw new PackageLoadError(source, (err as Error).message.slice(0, 200));
  }
  let descriptorBytes: Uint8Array;
  let descriptor: Record<string, unknown>;
  try {
    descriptorBytes = await read('datapackage.json');
    descriptor = JSON.parse(Buffer.from(descriptorBytes).toString('utf8'));
  } catch (err) {
    throw new PackageLoadError(source, `datapackage.json: ${(err as Error).message.slice(0, 200)}`);
  }
  const name = typeof descriptor.name === 'string' ? descriptor.name : '';
  if (!/^[a-z0-9][a-z0-9_-]{1,99}$/.test(name)) throw new PackageLoadError(source, `package name "${name}" is not a valid name`);
  const resources: LoadedResource[] = [];
  for (const r of (descriptor.resources as Record<string, unknown>[] | undefined) ?? []) {
    const path = String(r.path ?? '');
    if (!isSafeRelative(path)) throw new PackageLoadError(source, `unsafe resource path "${path}"`);
    let bytes: Uint8Array;
    try {
      bytes = await read(path);
    } catch {
      throw new PackageLoadError(source, `${path} missing`);
    }
    const d = digestBytes(bytes);
    if (declaredSha256(r) !== d.sha256) throw new PackageLoadError(source, `${path}: sha256 differs from datapackage.json`);
    resources.push({ name: String(r.name), path, format: String(r.format ?? ''), mediatype: String(r.mediatype ?? 'application/octet-stream'), bytes, size: d.bytes, sha256: d.sha256 });
  }
  return {
    source,
    name,
    title: typeof descriptor.title === 'string' ? descriptor.title : name,
    descriptor,
    metadata: (descriptor['satudata:metadata'] as Partial<Metadata> | null) ?? null,
    provenance: (descriptor['satudata:provenance'] as Provenance | null) ?? null,
    resources,
    descriptorBytes,
  };
}
