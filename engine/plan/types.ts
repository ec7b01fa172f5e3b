import type { SqlType } from '../model/sql-type.ts';
import type { RulePlan } from './rules.ts';
import type { ScreenPlan } from './screen.ts';

/**
 * The resolved plan: plain, serializable JSON between the read half (YAML → plan) and the run half
 * (plan → SQL → engine). It names files, columns and conversions, never SQL text, so any dialect
 * can compile it.
 */
export interface Plan {
  version: 1;
  utility: string;
  timezone: string;
  mapping: string;
  /** Tables in dependency order (a table comes after the tables it joins to). */
  tables: TablePlan[];
  /** Data-quality rules declared in the mapping (they apply to this utility only). */
  rules: RulePlan[];
  /** The privacy screen of usage_by_area, when the mapping sets one (else `defaultScreen()`). */
  screen?: ScreenPlan;
}

export interface CsvPlan {
  delimiter: string;
  quote: string;
  escape: string;
  header: boolean;
  encoding: 'utf-8' | 'latin-1';
  nulls: string[];
}

export interface SourcePlan {
  patterns: string[];
  files: string[];
  csv: CsvPlan;
  /** Columns of the files, from their header (or `csv.names`). */
  columns: string[];
}

export interface TablePlan {
  table: string;
  source: SourcePlan;
  /** Converted columns, in common-model order; lookups and computed columns come after. */
  columns: ColumnPlan[];
  computed: ComputedPlan[];
  filter?: { expr: string; reads: string[] };
  /** keep: max/min take the row with the highest/lowest `orderBy` value; quarantine holds back every row of a key whose rows disagree. */
  dedupe?: { key: string[]; keep: 'first' | 'last' | 'fail' | 'quarantine' | 'max' | 'min'; orderBy: string[] };
  lookups: LookupPlan[];
  /** True when another table joins to this table's history (rows before deduplication). */
  keepHistory: boolean;
  /** Output columns in common-model order. */
  output: string[];
  /** What each step reads and produces, for `gridflow compile` and checks. */
  steps: StepInfo[];
}

export interface StepInfo {
  step: 'read' | 'convert' | 'filter' | 'dedupe' | 'lookup' | 'compute' | 'write';
  reads: string[];
  produces: string[];
}

export type ValuePlan =
  | { kind: 'source'; column: string }
  | { kind: 'const'; value: string | number | boolean }
  | { kind: 'expr'; expr: string; reads: string[] };

export interface TimestampPlan {
  format: 'iso8601' | 'strftime' | 'epoch_seconds' | 'epoch_millis';
  pattern?: string;
  zone: string;
  add?: { column: string; seconds: number; base: number };
  ambiguous: 'earlier' | 'later' | 'reject';
  nonexistent: 'reject' | 'shift_forward';
}

export interface ColumnPlan {
  name: string;
  type: SqlType;
  required: boolean;
  value: ValuePlan;
  extract?: string;
  map?: Record<string, string>;
  match?: { pattern: string; value: string }[];
  default?: string;
  scale?: number;
  timestamp?: TimestampPlan;
  /** strftime pattern for `date` columns. */
  datePattern?: string;
  /** Source columns read. */
  reads: string[];
  /** Where the column was declared in the mapping (for runtime messages). */
  path: string;
}

/** A column computed from other mapped columns (e.g. interval_end_ts = start + duration). */
export interface ComputedPlan {
  name: string;
  type: SqlType;
  op: 'add_seconds';
  args: string[];
}

export interface HopPlan {
  table: string;
  on: { local: string; remote: string }[];
  /** Effective-dated: the joined table's history, [from, until) columns and the local time column. */
  effective?: { from: string; until?: string; at: string };
}

export interface LookupPlan {
  name: string;
  type: SqlType;
  hops: HopPlan[];
  take: string;
  required: boolean;
}
