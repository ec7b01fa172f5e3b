/** The mapping file as written by users (after JSON Schema validation). */
export interface CsvOptions {
  delimiter?: string;
  quote?: string;
  escape?: string;
  header?: boolean;
  names?: string[];
  encoding?: 'utf-8' | 'latin-1';
  nulls?: string[];
}

export interface HopSpec {
  table: string;
  on: string | Record<string, string>;
  effective?: string[];
  at?: string;
}

export interface ColumnObject {
  from?: string;
  const?: string | number | boolean;
  expr?: string;
  type?: string;
  format?: string;
  timezone?: string;
  add?: { from: string; unit: string | number; base?: number };
  ambiguous?: 'earlier' | 'later' | 'reject';
  nonexistent?: 'reject' | 'shift_forward';
  extract?: string;
  map?: Record<string, string | number | boolean>;
  match?: { pattern: string; value: string | number | boolean }[];
  default?: string | number | boolean;
  on_unknown?: 'keep' | 'reject';
  scale?: number;
  required?: boolean;
  via?: HopSpec | HopSpec[];
  take?: string;
}

export type ColumnSpec = string | number | boolean | ColumnObject;

export interface TableSpec {
  source: string | string[];
  csv?: CsvOptions;
  columns: Record<string, ColumnSpec>;
  filter?: string;
  dedupe?: { key: string[]; keep?: 'first' | 'last' | 'fail' | 'quarantine' | 'max' | 'min'; order_by?: string | string[] };
}

export interface MappingSpec {
  utility: string;
  timezone: string;
  description?: string;
  csv?: CsvOptions;
  service_points?: TableSpec;
  meters?: TableSpec;
  intervals?: TableSpec;
  rules?: Record<string, any>[];
  privacy_screen?: {
    rules?: Record<string, { min_customers: number; max_share: number }>;
    classes?: Record<string, string>;
  };
}
