/** Table Schema v2: the type, loading and validation of a schema file (ajv against standards/meta). */
import { readFile } from 'node:fs/promises';
import { metaValidator } from './meta-validators.js';
import { ajvParam } from '../i18n/ajv-text.js';
import { fsReason } from '../io/fs-reason.js';

export type FieldType =
  | 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'time' | 'datetime' | 'year' | 'yearmonth'
  | 'duration' | 'any' | 'object' | 'array' | 'list' | 'geopoint' | 'geojson';

export type MissingValue = string | { value: string; label?: string };

export interface Constraints {
  required?: boolean;
  unique?: boolean;
  minimum?: number | string;
  maximum?: number | string;
  exclusiveMinimum?: number | string;
  exclusiveMaximum?: number | string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: unknown[];
}

export interface FieldDef {
  name: string;
  title?: string;
  description?: string;
  type?: FieldType;
  format?: string;
  decimalChar?: string;
  groupChar?: string;
  bareNumber?: boolean;
  trueValues?: string[];
  falseValues?: string[];
  missingValues?: MissingValue[];
  constraints?: Constraints;
  [key: string]: unknown;
}

export type FieldsMatch = 'exact' | 'equal' | 'subset' | 'superset' | 'partial';

export interface TableSchema {
  fields: FieldDef[];
  fieldsMatch?: FieldsMatch;
  missingValues?: MissingValue[];
  primaryKey?: string | string[];
  uniqueKeys?: string[][];
  [key: string]: unknown;
}

/** A schema problem: a JSON pointer and what is wrong. */
export class SchemaError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
    this.name = 'SchemaError';
  }
}

/** Checks a parsed schema object; throws SchemaError with the first problems. */
export async function checkSchema(schema: unknown, path: string): Promise<TableSchema> {
  const validate = await metaValidator('tableSchema');
  if (!validate(schema)) {
    throw new SchemaError(path, ajvParam(validate.errors, 3));
  }
  const s = schema as TableSchema;
  const names = new Set<string>();
  for (const f of s.fields) {
    if (names.has(f.name)) throw new SchemaError(path, `field "${f.name}" appears twice`);
    names.add(f.name);
    if (f.constraints?.pattern) {
      try {
        new RegExp(f.constraints.pattern, 'u');
      } catch {
        throw new SchemaError(path, `field "${f.name}": pattern is not a valid regular expression`);
      }
    }
  }
  const keys = [
    ...(s.primaryKey ? (Array.isArray(s.primaryKey) ? s.primaryKey : [s.primaryKey]) : []),
    ...(s.uniqueKeys ?? []).flat(),
  ];
  for (const k of keys) if (!names.has(k)) throw new SchemaError(path, `key field "${k}" is not a field`);
  return s;
}

/** Reads and checks a Table Schema JSON file. */
export async function loadSchemaFile(path: string): Promise<TableSchema> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new SchemaError(path, fsReason(err));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SchemaError(path, `@detail.bad-json:${(err as Error).message}`);
  }
  return checkSchema(json, path);
}

export function primaryKeyOf(schema: TableSchema): string[] {
  return schema.primaryKey ? (Array.isArray(schema.primaryKey) ? schema.primaryKey : [schema.primaryKey]) : [];
}
