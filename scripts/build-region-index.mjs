#!/usr/bin/env node
// Build step: writes the Kemendagri region index (src/standards/region-index.ts) once, to
// dist/standards/region-index.bin, so that a run loads it instead of building it from the CSV files of
// standards/codes/wilayah (about 190 ms of start-up). The index checks the file against those files (their
// sizes) and builds itself when they differ or the file is missing.
import { writeFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { serialise, PREBUILT } = await import(pathToFileURL(join(root, 'dist', 'standards', 'region-index.js')).href);
const tmp = `${PREBUILT}.tmp-${process.pid}`;
writeFileSync(tmp, serialise());
renameSync(tmp, PREBUILT);
