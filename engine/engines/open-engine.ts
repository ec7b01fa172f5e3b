import { openDuckDb } from './duckdb-engine.ts';
import type { Engine, EngineOptions } from './engine.ts';
import { openSpark } from './spark-engine.ts';

/** The engines a run can execute on. */
export const ENGINE_KINDS = ['duckdb', 'spark'] as const;
export type EngineKind = (typeof ENGINE_KINDS)[number];

/** Opens the engine of `kind` (DuckDB embedded by default; Spark through its runner). */
export async function openEngine(kind: EngineKind = 'duckdb', opts: EngineOptions = {}): Promise<Engine> {
  switch (kind) {
    case 'duckdb':
      return openDuckDb(opts);
    case 'spark':
      return openSpark(opts);
  }
}
