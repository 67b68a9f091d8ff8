/** Collects the issues of one table: counts every issue, keeps the first `max`. */
import { entry } from '../report/catalog.js';
import type { Issue, IssueParams, Severity } from '../report/issue.js';
import { cellAddress } from '../read/table.js';
import { detach } from './detach.js';

export interface At {
  row?: number;
  line?: number;
  /** 0-based column index. */
  col?: number;
  field?: string;
  value?: string;
}

export class IssueSink {
  readonly issues: Issue[] = [];
  errors = 0;
  warnings = 0;
  infos = 0;
  truncated = false;

  constructor(
    readonly max: number,
    readonly sheet?: string,
  ) {}

  add(code: string, params?: IssueParams, at?: At, severity?: Severity): void {
    const sev = severity ?? entry(code)?.severity ?? 'error';
    if (sev === 'error') this.errors++;
    else if (sev === 'warning') this.warnings++;
    else this.infos++;
    if (this.issues.length >= this.max) {
      this.truncated = true;
      return;
    }
    const issue: Issue = { code, severity: sev };
    if (params) {
      for (const k in params) {
        const v = params[k];
        if (typeof v === 'string') params[k] = detach(v);
      }
      issue.params = params;
    }
    if (this.sheet) issue.sheet = this.sheet;
    if (at) {
      if (at.row !== undefined) issue.row = at.row;
      if (at.line !== undefined && at.line !== at.row) issue.line = at.line;
      if (at.col !== undefined) {
        issue.col = at.col + 1;
        if (at.row !== undefined) issue.cell = cellAddress(at.col, at.row);
      }
      if (at.field !== undefined) issue.field = at.field;
      if (at.value !== undefined) issue.value = detach(at.value.length > 200 ? at.value.slice(0, 200) + '…' : at.value);
      if (at.field !== undefined) issue.field = detach(at.field);
    }
    this.issues.push(issue);
  }

  /** Takes in the issues of a second shard (whose rows all come after this shard's rows). */
  absorb(other: { issues: Issue[]; errors: number; warnings: number; infos: number; truncated: boolean }): void {
    this.errors += other.errors;
    this.warnings += other.warnings;
    this.infos += other.infos;
    for (const issue of other.issues) {
      if (this.issues.length >= this.max) {
        this.truncated = true;
        break;
      }
      this.issues.push(issue);
    }
    if (other.truncated) this.truncated = true;
  }

  /** Whether more issues would still be kept (cheap guard before building expensive params). */
  get open(): boolean {
    return this.issues.length < this.max;
  }
}
