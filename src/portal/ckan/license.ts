/**
 * Metadata `lisensi` → the portal's own licence id. CKAN's licence ids (`cc-by`, `cc-zero`, `odc-odbl`…) are
 * not SPDX ids: a `license_id` outside the portal's `license_list` is stored as given and shown as not open,
 * without a licence link (docs/portal.md). The portal's list is read once per run; the metadata value is taken
 * as a portal id when the list has it, else through the known table below; anything else is refused before
 * writing (`push-license-unknown`, listing the portal's ids).
 */

/** Common spellings (SPDX ids, Indonesian names) → CKAN 2.10 default licence ids. Keys are normalised. */
const KNOWN: Record<string, string> = {
  'cc-by-4.0': 'cc-by', 'cc-by-3.0': 'cc-by', 'cc-by': 'cc-by', 'cc by': 'cc-by', 'cc by 4.0': 'cc-by', 'creative commons attribution': 'cc-by',
  'creative commons attribution 4.0': 'cc-by', 'creative commons atribusi': 'cc-by', 'creative commons atribusi 4.0': 'cc-by',
  'cc-by-sa-4.0': 'cc-by-sa', 'cc-by-sa-3.0': 'cc-by-sa', 'cc-by-sa': 'cc-by-sa', 'cc by-sa 4.0': 'cc-by-sa',
  'cc0-1.0': 'cc-zero', 'cc0': 'cc-zero', 'cc-zero': 'cc-zero', 'cc0 1.0': 'cc-zero', 'public domain': 'cc-zero', 'domain publik': 'cc-zero',
  'odbl-1.0': 'odc-odbl', 'odbl': 'odc-odbl', 'odc-odbl': 'odc-odbl',
  'odc-by-1.0': 'odc-by', 'odc-by': 'odc-by',
  'pddl-1.0': 'odc-pddl', 'pddl': 'odc-pddl', 'odc-pddl': 'odc-pddl',
  'cc-by-nc-4.0': 'cc-nc', 'cc-by-nc': 'cc-nc', 'cc-nc': 'cc-nc',
  'gfdl-1.3': 'gfdl', 'gfdl': 'gfdl',
  'ogl-uk-3.0': 'uk-ogl', 'uk-ogl': 'uk-ogl',
};

const normal = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

export type LicenseResolution = { ok: true; id: string } | { ok: false; known: string[] };

/** The portal licence id for a metadata licence, given the portal's ids (from `license_list`). */
export function resolveLicense(lisensi: string, portalIds: string[]): LicenseResolution {
  const ids = new Set(portalIds);
  const n = normal(lisensi);
  const direct = portalIds.find((id) => id.toLowerCase() === n);
  if (direct) return { ok: true, id: direct };
  const mapped = KNOWN[n] ?? KNOWN[n.replace(/ /g, '-')];
  if (mapped && ids.has(mapped)) return { ok: true, id: mapped };
  return { ok: false, known: portalIds };
}

/** CKAN 2.10's default ids, used when a portal does not answer `license_list`. */
export const CKAN_DEFAULT_LICENSE_IDS = [
  'notspecified', 'odc-pddl', 'odc-odbl', 'odc-by', 'cc-zero', 'cc-by', 'cc-by-sa', 'gfdl', 'other-open', 'other-pd', 'other-at', 'uk-ogl', 'cc-nc', 'other-nc', 'other-closed',
];
