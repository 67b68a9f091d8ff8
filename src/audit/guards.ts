/**
 * Run-health guard (HDX freshness): compare the portal's dataset count with last week's. A drop of more than
 * 2 % warns; more than 50 %, or zero datasets, refuses the trend (an outage must not look like vanished data).
 */
import type { GuardResult } from './model.js';

export const GUARD_WARN_PCT = 2;
export const GUARD_REFUSE_PCT = 50;

export function checkDatasetCount(current: number, previous: number | undefined): GuardResult {
  if (current === 0) return { level: 'refuse', current, ...(previous !== undefined ? { previous, dropPct: previous ? 100 : 0 } : {}) };
  if (previous === undefined || previous === 0) return { level: 'ok', current };
  const dropPct = Math.round(((previous - current) / previous) * 10000) / 100;
  const level = dropPct > GUARD_REFUSE_PCT ? 'refuse' : dropPct > GUARD_WARN_PCT ? 'warn' : 'ok';
  return { level, current, previous, dropPct };
}
