/** The audit model: registry items, observed state, and the AuditReport every formatter renders. */
import type { Frekuensi, Metadata } from '../standards/metadata.js';
import type { Lang } from '../i18n/lang.js';

/** One row of the Daftar Data registry. */
export interface RegistryItem {
  id: string;
  judul: string;
  opd: string;
  frekuensi: Frekuensi;
  prioritas: boolean;
  urusan?: string;
  standar?: string;
  /** First expected period key (e.g. `2019`, `2020-Q1`). */
  periodeAwal: string;
  /** Per-item release lag override (days). */
  lag?: number;
  /** Portal dataset name(s), when known. */
  dataset?: string;
  /** Registry row, for messages. */
  row: number;
}

/** What was observed for one period of one dataset. Dates are ISO `YYYY-MM-DD`. */
export interface PeriodObservation {
  collected?: string;
  validated?: string;
  /** Validation errors (0 = valid). Undefined: not validated yet. */
  errors?: number;
  published?: string;
}

/** One dataset found in the observed source. */
export interface ObservedDataset {
  name: string;
  /** Registry id when the source knows it (ledger, folder). */
  item?: string;
  title?: string;
  opd?: string;
  periods: Record<string, PeriodObservation>;
  metadata?: Partial<Metadata>;
  /** The dataset's resource links (CKAN `resources[].url`), for the optional link check. */
  links?: { url: string; resource?: string }[];
  /** Last data change (hash-based when known) and last metadata-only edit, kept apart. */
  dataModified?: string;
  metadataModified?: string;
}

export type SourceKind = 'ledger' | 'folder' | 'ckan';

export interface ObservedState {
  source: SourceKind;
  /** Ledger path, folder path or portal URL. */
  location: string;
  datasets: ObservedDataset[];
  /** Datasets the portal (or ledger) holds in total — the run-health guard compares it week to week. */
  datasetCount: number;
  /** Requests made (CKAN). */
  requests?: number;
  /** Datasets per organisation from search facets (CKAN). */
  facets?: Record<string, number>;
}

export type Timeliness = 'belum_jatuh_tempo' | 'jatuh_tempo' | 'terlambat' | 'sangat_terlambat' | 'tepat_waktu' | 'terbit_terlambat' | 'tidak_tetap';
export type GapReason = 'tidak-ditemukan' | 'belum-ada-isian' | 'menunggu-validasi' | 'gagal-validasi' | 'belum-terbit';
export type Stage = 'wajib' | 'terdaftar' | 'terkumpul' | 'tervalidasi' | 'terpublikasi';

/** One registry item evaluated at its current due period. */
export interface ItemResult extends Pick<RegistryItem, 'id' | 'judul' | 'opd' | 'frekuensi' | 'prioritas' | 'urusan'> {
  /** Current due period key; null when nothing is due yet. */
  period: string | null;
  due: string | null;
  overdueAt: string | null;
  delinquentAt: string | null;
  /** Matched dataset name. */
  dataset?: string;
  found: boolean;
  collected: boolean;
  validated: boolean;
  published: boolean;
  errors?: number;
  collectedAt?: string;
  publishedAt?: string;
  dataModified?: string;
  metadataModified?: string;
  timeliness: Timeliness;
  /** Days past the due date while unpublished (0 when not late). */
  daysLate: number;
  /** Earlier due periods not published. */
  backlog: number;
  gap?: GapReason;
  /** Metadata score (0–405), when a dataset was found. */
  score?: number;
}

export interface Funnel { wajib: number; terdaftar: number; terkumpul: number; tervalidasi: number; terpublikasi: number }

export interface OpdRow {
  kode: string;
  nama: string;
  singkatan: string;
  items: number;
  funnel: Funnel;
  pctCollected: number;
  pctPublished: number;
  overdue: number;
  delinquent: number;
  notYetDue: number;
  /** Share of due items not overdue, 0–100. */
  pctOnTime: number;
  metadataMean: number | null;
  composite: number;
  rank: number | null;
  band: 'hijau' | 'biru' | 'kuning';
}

export interface FrequencyRow { frekuensi: Frekuensi; items: number; funnel: Funnel; pctPublished: number; overdue: number }

export interface MetadataCheckRow { key: string; points: number; failing: number; recoverable: number }

export interface TrendPoint { week: string; asOf: string; pctCollected: number; pctPublished: number; overdue: number }

export interface ChangeRow {
  kind: 'baru-terkumpul' | 'baru-terbit' | 'baru-terlambat' | 'selesai' | 'regresi' | 'ganti-judul' | 'dihapus' | 'ditambah' | 'skor-turun' | 'tautan-rusak' | 'hanya-metadata';
  id: string;
  opd: string;
  judul: string;
  detail: string;
}

export interface Trend {
  previousWeek: string;
  previousRunId: string;
  changes: ChangeRow[];
  counts: Record<ChangeRow['kind'], number>;
  /** Per-OPD deltas of % published and rank. */
  opd: { kode: string; dPublished: number; dRank: number | null }[];
  dCollected: number;
  dPublished: number;
}

/** A resource link that failed in `failures` consecutive weekly runs (at least the threshold). */
export interface BrokenLink {
  url: string;
  dataset: string;
  resource?: string;
  /** The registry item the dataset matched, and its OPD (else the portal organisation). */
  item?: string;
  opd?: string;
  judul?: string;
  status: number | null;
  reason: string;
  failures: number;
}

/** Result of `--check-links`. */
export interface LinkSummary {
  /** Distinct links probed. */
  checked: number;
  /** Links that failed this run (broken or not yet). */
  failing: number;
  /** Consecutive failed runs before a link counts as broken. */
  threshold: number;
  broken: BrokenLink[];
  /** URL → consecutive failed runs, for every link failing this run (kept in the snapshot). */
  failures: Record<string, number>;
}

export interface GuardResult {
  level: 'ok' | 'warn' | 'refuse';
  previous?: number;
  current: number;
  dropPct?: number;
}

export interface RankingConfig { completeness: number; timeliness: number; metadata: number; minItems: number }

export interface AuditReport {
  schema: 'satudata-audit-report/1';
  runId: string;
  lang: Lang;
  asOf: string;
  week: string;
  generatedAt: string;
  opdFilter?: string;
  registry: { path: string; items: number; sha256: string };
  source: { kind: SourceKind; location: string; datasets: number; requests?: number };
  totals: { funnel: Funnel; pctRegistered: number; pctCollected: number; pctValidated: number; pctPublished: number; overdue: number; delinquent: number; notYetDue: number; unmatched: number; metadataMean: number | null };
  ageing: { '0-7': number; '8-30': number; '31-90': number; '>90': number };
  items: ItemResult[];
  opd: OpdRow[];
  frequencies: FrequencyRow[];
  heat: { opd: string; frekuensi: Frekuensi; pctPublished: number; items: number }[];
  metadataChecks: MetadataCheckRow[];
  worklist: ItemResult[];
  trend: Trend | null;
  /** Why no trend: first run, or refused by the guard. */
  trendNote?: 'first-run' | 'guard-refused';
  history: TrendPoint[];
  guard: GuardResult;
  /** Present when the links were checked (`--check-links`). */
  links?: LinkSummary;
  config: { ranking: RankingConfig; policies: Record<string, { lag: number; overdue: number | null; delinquent: number | null }>; metadataMax: number };
  seconds: number;
}
