/**
 * Data packages in a repository (`datapackage.json`): each local resource is validated against its own
 * schema (inline or a path). Resource and schema paths that leave the package folder (`../../x`, `/etc/x`)
 * are refused with `unsafe-path`; URLs are not fetched.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isUnsafePath } from '../read/limits.js';
import type { Issue, TableReport } from '../report/issue.js';
import { checkSchema, loadSchemaFile, type TableSchema } from '../standards/schema.js';

export interface PackageResource {
  /** Relative to the repository root, with `/`. */
  rel: string;
  schema?: TableSchema;
  /** The schema's origin, for the report (`pkg/datapackage.json#resource` or a schema path). */
  schemaRef?: string;
  delimiter?: string;
  sheet?: string | number;
}

export interface LoadedPackage {
  resources: PackageResource[];
  /** A report for the descriptor itself when it has problems (unsafe paths, unreadable schema). */
  report?: TableReport;
}

const MAX_DESCRIPTOR = 10 * 1024 * 1024;

export async function loadPackage(root: string, rel: string, displayPath: string): Promise<LoadedPackage> {
  const dir = dirname(rel) === '.' ? '' : dirname(rel);
  const issues: Issue[] = [];
  const fail = (code: string, params: Record<string, string | number>, unreadable = false): LoadedPackage => ({
    resources: [],
    report: descriptorReport(displayPath, [{ code, severity: 'error', params }], unreadable),
  });
  let data: { resources?: unknown };
  try {
    const st = await stat(join(root, rel));
    if (st.size > MAX_DESCRIPTOR) return fail('package-corrupt', { path: displayPath, detail: '> 10 MB' }, true);
    data = JSON.parse(await readFile(join(root, rel), 'utf8'));
  } catch (err) {
    return fail('package-corrupt', { path: displayPath, detail: (err as Error).message.split('\n')[0]!.slice(0, 200) }, true);
  }
  const resources: PackageResource[] = [];
  const list = Array.isArray(data?.resources) ? (data.resources as Record<string, unknown>[]) : [];
  for (const [i, r] of list.entries()) {
    if (!r || typeof r !== 'object') continue;
    const paths = (Array.isArray(r.path) ? r.path : [r.path]).filter((p): p is string => typeof p === 'string');
    let schema: TableSchema | undefined;
    let schemaRef: string | undefined;
    try {
      if (typeof r.schema === 'string') {
        if (isUnsafePath(r.schema) || /^[a-z]+:\/\//i.test(r.schema)) {
          issues.push({ code: 'unsafe-path', severity: 'error', params: { path: r.schema } });
        } else {
          schemaRef = join(dirname(displayPath), r.schema);
          schema = await loadSchemaFile(join(root, dir, r.schema));
        }
      } else if (r.schema && typeof r.schema === 'object') {
        schemaRef = `${displayPath}#resources/${i}`;
        schema = await checkSchema(r.schema, schemaRef);
      }
    } catch (err) {
      issues.push({ code: 'package-corrupt', severity: 'error', params: { path: displayPath, detail: `resources/${i}/schema: ${(err as Error).message.split('\n')[0]!.slice(0, 200)}` } });
      continue;
    }
    const dialect = r.dialect && typeof r.dialect === 'object' ? (r.dialect as { delimiter?: unknown }) : undefined;
    for (const p of paths) {
      if (/^[a-z]+:\/\//i.test(p)) continue; // remote resource: not fetched
      if (isUnsafePath(p)) {
        issues.push({ code: 'unsafe-path', severity: 'error', params: { path: p } });
        continue;
      }
      resources.push({
        rel: (dir ? `${dir}/${p}` : p).replace(/\\/g, '/').replace(/(^|\/)\.\//g, '$1'),
        ...(schema ? { schema, schemaRef } : {}),
        ...(typeof dialect?.delimiter === 'string' ? { delimiter: dialect.delimiter } : {}),
        ...(typeof r.sheet === 'string' || typeof r.sheet === 'number' ? { sheet: r.sheet } : {}),
      });
    }
  }
  return { resources, ...(issues.length ? { report: descriptorReport(displayPath, issues, false) } : {}) };
}

/** A report for a file that is not a table (a descriptor, a folder) carrying repository-level issues. */
export function descriptorReport(path: string, issues: Issue[], unreadable: boolean): TableReport {
  const count = (s: string) => issues.filter((i) => i.severity === s).length;
  return {
    path,
    valid: false,
    ...(unreadable ? { unreadable: true } : {}),
    labels: [],
    stats: { rows: 0, dataRows: 0, errors: count('error'), warnings: count('warning'), infos: count('info'), seconds: 0, bytes: 0, fields: 0 },
    issues,
  };
}
