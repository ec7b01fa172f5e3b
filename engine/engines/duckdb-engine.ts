import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection, DuckDBResultReader } from '@duckdb/node-api';
import { duckdbDialect } from '../sql/duckdb-dialect.ts';
import type { Engine, EngineOptions } from './engine.ts';
import { lockStatements, prepareReadOnly, refusing, type LockOptions } from './duckdb-lock.ts';

export { StatementRefused, type LockOptions } from './duckdb-lock.ts';

/** A DuckDB session that can be locked for user SQL (`gridflow query`, `usage`, `export`). */
export interface DuckDbSession extends Engine {
  /**
   * Locks the session for good: files only under `readDirectories` (read) and the `writeFiles`,
   * no extensions, no configuration change. Register views before: they are checked when run.
   */
  lock(opts: LockOptions): Promise<void>;
  /**
   * Rows for people of exactly ONE read-only statement, classified by DuckDB's own parser;
   * anything else (several statements, writes, COPY, ATTACH, SET, PRAGMA…) throws StatementRefused.
   */
  queryReadOnly(sql: string): Promise<Record<string, unknown>[]>;
}

/** DuckDB in-process. Session time zone is UTC so instants print and cast the same everywhere. */
export async function openDuckDb(opts: EngineOptions = {}): Promise<DuckDbSession> {
  // Loaded on first use: the native library takes a noticeable part of a second, which commands
  // that never open an engine (`--help`, `validate`, `init`) should not pay at start.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const config: Record<string, string> = {};
  if (opts.memoryLimit) config.memory_limit = opts.memoryLimit;
  if (opts.threads) config.threads = String(opts.threads);
  if (opts.tempDir) config.temp_directory = opts.tempDir;
  // jemalloc's background threads return freed pages to the system as they age; without them the
  // pages of finished statements stay resident, well above the memory limit (bench/README.md, Memory).
  config.allocator_background_threads = 'true';
  const instance = await DuckDBInstance.create(':memory:', config);
  const conn: DuckDBConnection = await instance.connect();
  await conn.run(`SET TimeZone = 'UTC'`);
  // Progress is tracked (not printed: the CLI draws its own line) only when asked for.
  if (opts.progress) await conn.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false');
  // SET statements are not profiled, so each file holds the one statement run after it was named.
  const profile = opts.profileDir ? statementProfiles(conn, opts.profileDir) : undefined;
  if (profile) await conn.run(`SET enable_profiling = 'json'`);
  let locked = false;
  // Once locked, the engine's refusals (a file outside the set, a setting) read as StatementRefused.
  const guard = <T>(fn: () => Promise<T>) => (locked ? refusing(fn) : fn());
  return {
    dialect: duckdbDialect,
    run: async (sql, opts) => {
      await profile?.next();
      // A locked session cannot change settings: its writes keep their order.
      if (!opts?.unordered || locked) return void (await guard(() => conn.run(sql)));
      // Order-preserving writes go through one ordered sink: ~1.4x slower for a 5M-row table.
      await conn.run('SET preserve_insertion_order = false');
      try {
        await conn.run(sql);
      } finally {
        await conn.run('SET preserve_insertion_order = true');
      }
    },
    query: async <T>(sql: string) => {
      await profile?.next();
      return (await guard(() => conn.runAndReadAll(sql))).getRowObjectsJS() as T[];
    },
    queryDisplay: async (sql: string) => displayRows(await guard(() => conn.runAndReadAll(sql))),
    lock: async (lock) => {
      for (const sql of lockStatements(lock)) await conn.run(sql);
      locked = true;
    },
    queryReadOnly: async (sql: string) => {
      if (!locked) throw new Error('queryReadOnly needs a locked session: call lock() first');
      const prepared = await prepareReadOnly(conn, sql);
      return displayRows(await refusing(() => prepared.runAndReadAll()));
    },
    progress: () => {
      const p = conn.progress;
      return { percent: p.percentage, rows: Number(p.rows_processed), totalRows: Number(p.total_rows_to_process) };
    },
    close: () => {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** Points DuckDB's profile output at the next numbered file before each statement. */
function statementProfiles(conn: DuckDBConnection, dir: string): { next(): Promise<void> } {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return {
    next: async () => {
      const file = path.join(dir, `${String(++n).padStart(4, '0')}.json`);
      await conn.run(`SET profiling_output = '${file.replaceAll("'", "''")}'`);
    },
  };
}

/** Dates and instants as text (UTC), integers as numbers. */
function displayRows(reader: DuckDBResultReader): Record<string, unknown>[] {
  const names = reader.columnNames();
  const isInteger = (t: { toString(): string }) => /^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?)$/.test(t.toString());
  const integer = new Set(reader.columnTypes().flatMap((t, i) => (isInteger(t) ? [names[i]] : [])));
  return reader.getRowObjectsJson().map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, integer.has(k) && typeof v === 'string' ? Number(v) : v])),
  );
}
