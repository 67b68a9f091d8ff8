/**
 * The one interface every portal adapter implements, so `push` (and `audit`) do not care whether the
 * other side is CKAN, SIPD or a ZIP on disk: identify (who am I, may I publish), plan (what would change,
 * reading only), apply (do exactly the plan).
 */
import type { PortalConfig } from '../config/config.js';
import type { LoadedPackage } from '../package/load.js';
import type { BodyLimits, FetchLike, RetryOptions } from './http.js';
import type { LedgerEntry } from './ledger.js';

/** What every network adapter (CKAN, SIPD) is built from: its configured name, settings and token. */
export interface PortalAdapterOptions {
  name: string;
  config: PortalConfig;
  token?: string;
  fetch?: FetchLike;
  retry?: Omit<RetryOptions, 'fetch'>;
  /** Byte and time limits of every answer body (default: SATUDATA_HTTP_MAX_MB / SATUDATA_HTTP_BODY_TIMEOUT_MS, else 64 MB / 60 s). */
  limits?: BodyLimits;
  now?: () => Date;
}

export interface Identity {
  /** Who the token acts as (user name, or a description when the portal does not say). */
  user: string;
  /** The organisation / pemda the pushes go to. */
  organization: string;
  /** Portal software and version, e.g. "CKAN 2.10.4". */
  portal: string;
  /** Notes for the user (scheming detected, upload limit…), as UI phrase keys with params. */
  notes: { key: string; params?: Record<string, string | number> }[];
}

/** `restore`: a deleted dataset of our organisation made active again (shown as "pulihkan"); `publish`: a
 *  dataset filled while private made public, always the last step ("terbitkan"). */
export type StepAction = 'create' | 'patch' | 'restore' | 'upload' | 'update' | 'publish' | 'skip' | 'write' | 'blocked';

export interface PlanStep {
  action: StepAction;
  target: 'dataset' | 'resource' | 'value' | 'file';
  /** Dataset name, resource name, or indicator key. */
  name: string;
  /** Changed keys (patch), bytes (upload), reason (skip/blocked). */
  detail?: string;
  /** Internal data the adapter needs to apply the step (never printed). */
  data?: unknown;
}

export interface DatasetPlan {
  /** Dataset (package) name. */
  name: string;
  source: string;
  steps: PlanStep[];
  /** Remote ids known when planning. */
  remoteId?: string;
  /** Whether the dataset is public once the plan is applied (a private dataset is pushed, not published). */
  visible?: boolean;
  /** A problem found while planning (the dataset is not written): issue code and params. */
  blocked?: { code: string; params: Record<string, string | number> };
}

export interface ApplyResult {
  name: string;
  outcome: 'ok' | 'unchanged' | 'failed';
  entry?: LedgerEntry;
  error?: { code: string; params: Record<string, string | number> };
  /** Number of write calls made. */
  writes: number;
}

export interface Portal {
  readonly name: string;
  identify(): Promise<Identity>;
  plan(pkg: LoadedPackage, previous: LedgerEntry | undefined): Promise<DatasetPlan>;
  apply(pkg: LoadedPackage, plan: DatasetPlan, previous: LedgerEntry | undefined): Promise<ApplyResult>;
  /** Set by push: called after each remote write so the ledger records progress (resume after a crash). */
  onProgress?: (entry: LedgerEntry) => Promise<void>;
}

/** An expected portal failure, coded for the catalog (never carries a token). */
export class PortalError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number>,
  ) {
    super(code);
    this.name = 'PortalError';
  }
}
