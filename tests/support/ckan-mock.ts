/**
 * A local CKAN 2.10 stand-in for adapter tests, on 127.0.0.1 with an ephemeral port. It follows the
 * behaviour observed on a real CKAN 2.10:
 * - `POST|GET /api/3/action/<name>`, envelope `{help, success, result}` / `{help, success:false, error:{__type, …}}`;
 * - the token is the bare `Authorization` header value (no `Bearer`); an unknown or malformed token is
 *   silently treated as anonymous (organization_list_for_user → []; writes → 403);
 * - 403 Authorization Error on missing rights, 404 Not Found, 409 Validation Error with field-keyed lists
 *   (`name: ["That URL is already in use."]`, `upload: ["File upload too large"]` over 10 MB);
 * - an unknown action answers 400 with a bare JSON string;
 * - package names unique site-wide; package_patch replaces only the given keys, nested lists (extras, tags)
 *   wholesale, and never changes `state` unless `state` is sent;
 * - resource_create / resource_update are multipart with the file in `upload`, every value a string; an upload
 *   over the limit is 409 `upload: ["File upload too large"]` and rolled back (a dataset created before stays);
 * - datasets have `state`; a deleted one (`deleteDataset`) is shown with `state: "deleted"` to editors of its
 *   organisation and sysadmins, 403 to everyone else, and never found by package_search;
 * - another organisation's private dataset answers 403 on package_show (not 404);
 * - timestamps (`metadata_created`, `metadata_modified`, resource `created`, `last_modified`) are UTC with no
 *   zone and microseconds (`2026-12-02T16:39:09.875688`), from an injectable clock;
 * - license_list answers CKAN's default licence ids; an unknown `license_id` is stored as given, `isopen` false;
 * - package_search shows public datasets, plus the caller's organisations' private ones with include_private.
 * (docs/portal.md "What was tested against which behaviour" lists each point with its test.)
 * Faults can be queued per action: a connection reset before processing, a reset after processing (the
 * answer is lost), or a status code. Bodies are bounded (32 MB); the server closes itself after `lifetimeMs`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface MockUser {
  name: string;
  sysadmin?: boolean;
  /** organisation name → capacity (admin | editor | member). */
  orgs: Record<string, 'admin' | 'editor' | 'member'>;
}

export type Fault = { kind: 'reset' } | { kind: 'reset-after' } | { kind: 'status'; status: number };

export interface MockOptions {
  users?: Record<string, MockUser>;
  orgs?: { name: string; title?: string }[];
  /** Run as if ckanext-scheming were installed, with these required dataset fields. */
  schemingRequired?: string[];
  maxResourceBytes?: number;
  lifetimeMs?: number;
  version?: string;
  /** Server clock (default: the real one). */
  now?: () => Date;
}

/** CKAN 2.10's default licence list (id, title, open). */
export const CKAN_LICENSES: { id: string; title: string; open: boolean }[] = [
  { id: 'notspecified', title: 'License not specified', open: false },
  { id: 'odc-pddl', title: 'Open Data Commons Public Domain Dedication and License (PDDL)', open: true },
  { id: 'odc-odbl', title: 'Open Data Commons Open Database License (ODbL)', open: true },
  { id: 'odc-by', title: 'Open Data Commons Attribution License', open: true },
  { id: 'cc-zero', title: 'Creative Commons CCZero', open: true },
  { id: 'cc-by', title: 'Creative Commons Attribution', open: true },
  { id: 'cc-by-sa', title: 'Creative Commons Attribution Share-Alike', open: true },
  { id: 'gfdl', title: 'GNU Free Documentation License', open: true },
  { id: 'other-open', title: 'Other (Open)', open: true },
  { id: 'other-pd', title: 'Other (Public Domain)', open: true },
  { id: 'other-at', title: 'Other (Attribution)', open: true },
  { id: 'uk-ogl', title: 'UK Open Government Licence (OGL)', open: true },
  { id: 'cc-nc', title: 'Creative Commons Non-Commercial (Any)', open: false },
  { id: 'other-nc', title: 'Other (Non-Commercial)', open: false },
  { id: 'other-closed', title: 'Other (Not Open)', open: false },
];

/** `2026-12-02T16:39:09.875688`: CKAN's UTC timestamp without zone, with microseconds. */
export function ckanTimestamp(d: Date): string {
  return `${d.toISOString().slice(0, 23)}${String(d.getUTCMilliseconds() * 7 % 1000).padStart(3, '0')}`;
}

export interface CallRecord {
  action: string;
  method: string;
  status: number;
  /** True when an Authorization header was sent (its value is never recorded). */
  auth: boolean;
  bytes: number;
}

type Pkg = Record<string, unknown> & { id: string; name: string; owner_org: string; resources: Res[] };
type Res = Record<string, unknown> & { id: string; package_id: string; name: string };

const WRITE_ACTIONS = new Set(['package_create', 'package_patch', 'package_update', 'resource_create', 'resource_update', 'resource_patch', 'package_delete', 'resource_delete']);
const MAX_BODY = 32 * 1024 * 1024;

export class CkanMock {
  readonly calls: CallRecord[] = [];
  readonly packages = new Map<string, Pkg>();
  readonly faults = new Map<string, Fault[]>();
  /** Bytes received by the last upload per resource id. */
  readonly files = new Map<string, Uint8Array>();
  /** Authorization header values seen (to check that no `Bearer` prefix is sent). */
  readonly authHeaders = new Set<string>();
  private server!: Server;
  private orgs: { id: string; name: string; title: string }[];
  url = '';

  constructor(private readonly o: MockOptions = {}) {
    this.orgs = (o.orgs ?? [{ name: 'diskominfotik', title: 'Dinas Kominfotik NTB' }]).map((g) => ({ id: randomUUID(), name: g.name, title: g.title ?? g.name }));
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    setTimeout(() => void this.close(), this.o.lifetimeMs ?? 120_000).unref();
    return this;
  }

  close(): Promise<void> {
    return new Promise((r) => {
      this.server.closeAllConnections?.();
      this.server.close(() => r());
    });
  }

  fault(action: string, ...faults: Fault[]): void {
    this.faults.set(action, [...(this.faults.get(action) ?? []), ...faults]);
  }

  writes(): CallRecord[] {
    return this.calls.filter((c) => WRITE_ACTIONS.has(c.action));
  }

  byName(name: string): Pkg | undefined {
    return [...this.packages.values()].find((p) => p.name === name);
  }

  /** Deletes a dataset the way CKAN does: it stays, with `state: "deleted"`. */
  deleteDataset(name: string): void {
    const pkg = this.byName(name);
    if (pkg) pkg.state = 'deleted';
  }

  /** Creates a dataset directly (another organisation's, a hand-made one…); returns it. */
  seed(p: { name: string; org: string; private?: boolean; state?: string; [k: string]: unknown }): Pkg {
    const org = this.orgs.find((g) => g.name === p.org)!;
    const at = ckanTimestamp(this.clock());
    const { org: _org, ...rest } = p;
    const pkg: Pkg = { extras: [], tags: [], state: 'active', private: false, metadata_created: at, metadata_modified: at, ...rest, id: randomUUID(), owner_org: org.id, resources: (rest.resources as Res[] | undefined) ?? [] };
    this.packages.set(pkg.id, pkg);
    return pkg;
  }

  private clock(): Date {
    return this.o.now?.() ?? new Date();
  }

  private user(req: IncomingMessage): MockUser | null {
    const h = req.headers.authorization;
    if (typeof h !== 'string' || h === '') return null;
    this.authHeaders.add(h);
    return this.o.users?.[h] ?? null; // unknown token (or "Bearer …"): silently anonymous, like CKAN 2.10
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const m = /^\/api\/3\/action\/([a-z_]+)$/.exec(url.pathname);
    const action = m?.[1] ?? '';
    const queue = this.faults.get(action);
    const fault = queue?.shift();
    const chunks: Buffer[] = [];
    let size = 0;
    const socket = req.socket;
    const reset = () => {
      this.calls.push({ action, method: req.method ?? '', status: 0, auth: !!req.headers.authorization, bytes: size });
      socket.destroy();
    };
    try {
      for await (const c of req) {
        size += (c as Buffer).length;
        if (size > MAX_BODY) return this.send(res, action, req, 413, 'Request entity too large', size, true);
        if (fault?.kind === 'reset' && size > 1024) return reset(); // mid-body
        chunks.push(c as Buffer);
      }
    } catch {
      return;
    }
    if (fault?.kind === 'reset') return reset();
    if (fault?.kind === 'status') return this.send(res, action, req, fault.status, { __type: 'Internal Server Error', message: 'fault' }, size);
    if (!m) return this.send(res, action, req, 404, 'Not found', size, true);
    const body = Buffer.concat(chunks);
    let params: Record<string, unknown> = Object.fromEntries(url.searchParams);
    let upload: { bytes: Uint8Array; name: string } | null = null;
    const ct = req.headers['content-type'] ?? '';
    if (req.method === 'POST' && ct.startsWith('multipart/form-data')) {
      const form = await new Request('http://x', { method: 'POST', headers: { 'content-type': ct }, body }).formData();
      params = {};
      for (const [k, v] of form.entries()) {
        if (typeof v === 'string') params[k] = v;
        else if (k === 'upload') upload = { bytes: new Uint8Array(await v.arrayBuffer()), name: v.name };
      }
    } else if (req.method === 'POST' && body.length) {
      try {
        params = { ...params, ...JSON.parse(body.toString('utf8')) };
      } catch {
        return this.send(res, action, req, 400, 'Bad request: JSON decode error', size, true);
      }
    }
    const user = this.user(req);
    const [status, payload] = this.dispatch(action, params, upload, user);
    if (fault?.kind === 'reset-after') return reset(); // processed, answer lost
    this.send(res, action, req, status, payload, size, typeof payload === 'string' && status === 400);
  }

  private send(res: ServerResponse, action: string, req: IncomingMessage, status: number, payload: unknown, bytes: number, bare = false): void {
    this.calls.push({ action, method: req.method ?? '', status, auth: !!req.headers.authorization, bytes });
    const help = `http://127.0.0.1/api/3/action/help_show?name=${action}`;
    const body = bare ? payload : status === 200 ? { help, success: true, result: payload } : { help, success: false, error: payload };
    res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
    res.end(JSON.stringify(body));
  }

  private dispatch(action: string, p: Record<string, unknown>, upload: { bytes: Uint8Array; name: string } | null, user: MockUser | null): [number, unknown] {
    const denied = (what: string): [number, unknown] => [403, { __type: 'Authorization Error', message: `Access denied: User ${user?.name ?? ''} not authorized to ${what}` }];
    const notFound: [number, unknown] = [404, { __type: 'Not Found Error', message: 'Not found' }];
    const canWrite = (orgId: string) => {
      if (user?.sysadmin) return true;
      const org = this.orgs.find((g) => g.id === orgId);
      const cap = org && user?.orgs[org.name];
      return cap === 'admin' || cap === 'editor';
    };
    const member = (orgId: string) => !!user && (user.sysadmin || Object.keys(user.orgs).includes(this.orgs.find((g) => g.id === orgId)!.name));
    const show = (pkg: Pkg) => {
      const org = this.orgs.find((g) => g.id === pkg.owner_org)!;
      const lic = CKAN_LICENSES.find((l) => l.id === pkg.license_id);
      return structuredClone({
        ...pkg, organization: { id: org.id, name: org.name, title: org.title },
        ...(pkg.license_id ? { license_title: lic?.title ?? pkg.license_id, isopen: lic?.open ?? false } : {}),
      });
    };
    const touch = (pkg: Pkg) => { pkg.metadata_modified = ckanTimestamp(this.clock()); };
    const find = (id: unknown) => (typeof id === 'string' ? this.packages.get(id) ?? this.byName(id) : undefined);
    switch (action) {
      case 'status_show':
        return [200, { site_title: 'Mock CKAN', site_url: this.url, ckan_version: this.o.version ?? '2.10.4', extensions: this.o.schemingRequired ? ['scheming_datasets'] : ['datastore'], locale_default: 'id' }];
      case 'organization_list_for_user': {
        if (!user) return [200, []];
        if (user.sysadmin) return [200, this.orgs.map((g) => ({ ...g, capacity: 'admin' }))]; // a sysadmin may publish anywhere
        const perm = String(p.permission ?? 'manage_group');
        return [200, this.orgs.filter((g) => {
          const cap = user.orgs[g.name];
          return cap && (perm === 'read' || cap === 'admin' || (cap === 'editor' && perm === 'create_dataset'));
        }).map((g) => ({ ...g, capacity: user.orgs[g.name] }))];
      }
      case 'scheming_dataset_schema_show':
        if (!this.o.schemingRequired) return [400, `Bad request - Action name not known: ${action}`];
        return [200, { scheming_schema_version: 2, dataset_type: 'dataset', dataset_fields: ['title', 'name', 'notes', 'owner_org', ...this.o.schemingRequired].map((f) => ({ field_name: f, label: f, required: f === 'title' || this.o.schemingRequired!.includes(f) })) }];
      case 'package_show': {
        const pkg = find(p.id);
        if (!pkg) return notFound;
        if (pkg.state === 'deleted' && !canWrite(pkg.owner_org)) return denied(`read package ${pkg.id}`);
        if (pkg.private && !member(pkg.owner_org)) return denied(`read package ${pkg.id}`);
        return [200, show(pkg)];
      }
      case 'package_search': {
        const rows = Math.min(Number(p.rows ?? 10), 1000);
        const start = Number(p.start ?? 0);
        const withPrivate = p.include_private === 'true' || p.include_private === true;
        const all = [...this.packages.values()].filter((x) => x.state !== 'deleted' && (!x.private || (withPrivate && member(x.owner_org)))).sort((a, b) => (a.id < b.id ? -1 : 1));
        const facetFields = typeof p['facet.field'] === 'string' ? JSON.parse(p['facet.field'] as string) as string[] : [];
        const search_facets: Record<string, unknown> = {};
        for (const f of facetFields) {
          if (f !== 'organization') continue;
          const counts = new Map<string, number>();
          for (const x of all) {
            const org = this.orgs.find((g) => g.id === x.owner_org)!;
            counts.set(org.name, (counts.get(org.name) ?? 0) + 1);
          }
          search_facets[f] = { title: f, items: [...counts].map(([name, count]) => ({ name, display_name: name, count })) };
        }
        return [200, { count: all.length, results: all.slice(start, start + rows).map(show), facets: {}, search_facets, sort: 'score desc' }];
      }
      case 'package_create': {
        if (!user) return denied('create packages');
        const org = this.orgs.find((g) => g.id === p.owner_org || g.name === p.owner_org);
        if (!org) return [409, { __type: 'Validation Error', owner_org: ['Organization does not exist'] }];
        if (!canWrite(org.id)) return denied('create packages');
        const errors: Record<string, string[]> = {};
        const name = typeof p.name === 'string' ? p.name : '';
        if (!name) errors.name = ['Missing value'];
        else if (!/^[a-z0-9_-]{2,100}$/.test(name)) errors.name = ['Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_'];
        else if (this.byName(name)) errors.name = ['That URL is already in use.'];
        for (const f of this.o.schemingRequired ?? []) if (p[f] === undefined || p[f] === '') errors[f] = ['Missing value'];
        if (Object.keys(errors).length) return [409, { __type: 'Validation Error', ...errors }];
        const at = ckanTimestamp(this.clock());
        const pkg: Pkg = { ...structuredClone(p), id: randomUUID(), name, title: p.title ?? name, owner_org: org.id, private: !!p.private, state: 'active', metadata_created: at, metadata_modified: at, resources: [], extras: (p.extras as unknown[]) ?? [], tags: (p.tags as unknown[]) ?? [] };
        this.packages.set(pkg.id, pkg);
        return [200, show(pkg)];
      }
      case 'package_patch': {
        const pkg = find(p.id);
        if (!pkg) return notFound;
        if (!user || !canWrite(pkg.owner_org)) return denied(`edit package ${pkg.name}`);
        for (const [k, v] of Object.entries(p)) if (k !== 'id' && k !== 'name') (pkg as Record<string, unknown>)[k] = structuredClone(v); // nested lists replaced wholesale; state only when sent
        touch(pkg);
        return [200, show(pkg)];
      }
      case 'resource_create':
      case 'resource_update': {
        const existing = action === 'resource_update' ? [...this.packages.values()].flatMap((x) => x.resources).find((r) => r.id === p.id) : undefined;
        if (action === 'resource_update' && !existing) return notFound;
        const pkg = existing ? this.packages.get(existing.package_id)! : find(p.package_id);
        if (!pkg) return [409, { __type: 'Validation Error', package_id: ['Not found: Dataset'] }];
        if (!user || !canWrite(pkg.owner_org)) return denied(`edit package ${pkg.name}`);
        if (upload && upload.bytes.length > (this.o.maxResourceBytes ?? 10 * 1024 * 1024)) return [409, { __type: 'Validation Error', upload: ['File upload too large'] }];
        for (const [k, v] of Object.entries(p)) if (typeof v !== 'string') return [409, { __type: 'Validation Error', [k]: ['Must be a string'] }];
        const id = existing?.id ?? randomUUID();
        const at = ckanTimestamp(this.clock());
        const res: Res = { ...p, id, package_id: pkg.id, name: String(p.name ?? ''), url: upload ? `${this.url}/dataset/${pkg.id}/resource/${id}/download/${upload.name}` : String(p.url ?? ''), url_type: upload ? 'upload' : '', size: upload ? upload.bytes.length : null, created: existing?.created ?? at, last_modified: at };
        touch(pkg);
        if (upload) this.files.set(id, upload.bytes);
        if (existing) pkg.resources[pkg.resources.indexOf(existing)] = res;
        else pkg.resources.push(res);
        return [200, structuredClone(res)];
      }
      case 'license_list':
        return [200, CKAN_LICENSES.map((l) => ({ id: l.id, title: l.title, od_conformance: l.open ? 'approved' : 'not reviewed', osd_conformance: 'not reviewed', url: '', status: 'active', family: '', is_generic: false }))];
      default:
        return [400, `Bad request - Action name not known: ${action}`];
    }
  }
}
