/** What a fix run produces: changes (each auditable back to a source cell) and problems it would not guess. */
import type { Issue } from '../report/issue.js';

/** Rules a change can come from (the `aturan` column of the change log). */
export type FixRule =
  | 'drop-title-row' | 'drop-header-row' | 'drop-blank-row' | 'drop-footnote-row' | 'drop-signature-row' | 'drop-total-row'
  | 'drop-outside-jurisdiction'
  | 'flatten-header' | 'rename-column' | 'drop-column' | 'drop-extra-cell' | 'unpivot'
  | 'trim' | 'number-id' | 'number-en' | 'number-decor' | 'number-float' | 'missing-marker' | 'dash-zero'
  | 'year-float' | 'date-serial' | 'date-id' | 'code-float' | 'code-undotted' | 'split-glued-code'
  | 'code-from-name' | 'code-from-bps-name' | 'name-from-code' | 'value-from-title' | 'value-from-option'
  | 'recompute' | 'region-name-spelling' | 'region-name-former';

/** One change: where in the source (sheet-qualified for workbooks), the old text, the new text, the rule. */
export interface Change {
  cell: string;
  rule: FixRule;
  old: string;
  new: string;
}

/** A problem the fixer did not resolve (ambiguous value, totals that do not add up): an Issue with a location. */
export type FixProblem = Issue;
