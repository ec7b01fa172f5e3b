import { realpathSync } from 'node:fs';
import path from 'node:path';
import { StatementType, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import { sqlStringLiteral } from '../sql/dialect.ts';

/** What a locked session may still touch: files under `readDirectories`, and the `writeFiles`. */
export interface LockOptions {
  /** Folders whose files may be read (the output set the views read). */
  readDirectories: string[];
  /** Files that may be written (e.g. the file an export was asked to write). */
  writeFiles?: string[];
}

/** A statement a locked session does not run; the message says why, for the user. */
export class StatementRefused extends Error {}

/**
 * The settings that lock a DuckDB session, in order: the allowed folders and files first (they
 * cannot change afterwards), then no file access outside them, no extension installs or loads,
 * and no configuration change of any kind (`lock_configuration` also blocks SET and PRAGMA).
 */
export function lockStatements(opts: LockOptions): string[] {
  const list = (xs: string[]) => `[${xs.map(sqlStringLiteral).join(', ')}]`;
  // A folder reached through a symlink (e.g. `out/current`) is allowed under both of its names.
  const dirs = [...new Set(opts.readDirectories.flatMap((d) => [path.resolve(d), realpathOrSelf(d)]))];
  return [
    `SET allowed_directories = ${list(dirs.map((d) => d + path.sep))}`,
    `SET allowed_paths = ${list((opts.writeFiles ?? []).flatMap(withTmpFile))}`,
    `SET enable_external_access = false`,
    `SET autoinstall_known_extensions = false`,
    `SET autoload_known_extensions = false`,
    `SET lock_configuration = true`,
  ];
}

function realpathOrSelf(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

/** A file and `tmp_<name>` beside it: COPY writes over an existing file through that one, then renames it. */
function withTmpFile(file: string): string[] {
  const f = path.resolve(file);
  return [f, path.join(path.dirname(f), `tmp_${path.basename(f)}`)];
}

/** Statement types a read-only query may be: SELECT covers WITH, VALUES, FROM …, DESCRIBE, SHOW, SUMMARIZE. */
const READ_ONLY = new Set<number>([StatementType.SELECT]);

/**
 * Prepares `sql` if it is exactly one read-only statement, as DuckDB's own parser classifies it:
 * the statement count from the parser, then `json_serialize_sql` (which serializes SELECT
 * statements only, without binding them), then the bound statement's type. In a locked session,
 * binding is where a file outside the allowed folders is refused.
 */
export async function prepareReadOnly(conn: DuckDBConnection, sql: string): Promise<DuckDBPreparedStatement> {
  if (!sql.trim()) throw new StatementRefused('no statement given');
  const statements = await conn.extractStatements(sql);
  if (statements.count !== 1) throw new StatementRefused(`${statements.count} statements given, one is allowed`);
  const serialized = `json_serialize_sql(${sqlStringLiteral(sql)})`;
  const [parsed] = (await conn.runAndReadAll(`SELECT json_extract_string(${serialized}, '$.error_message') AS error`)).getRowObjectsJS();
  // The first word, for the message only (the parser decided).
  const kind = () => sql.trim().match(/^[A-Za-z]+/)?.[0].toUpperCase() ?? 'this statement';
  if (parsed.error) {
    const notSelect = /Only SELECT/.test(String(parsed.error));
    throw new StatementRefused(notSelect ? `${READ_ONLY_TEXT}, not ${kind()}` : String(parsed.error));
  }
  const prepared = await refusing(() => statements.prepare(0));
  if (!READ_ONLY.has(prepared.statementType))
    throw new StatementRefused(`${READ_ONLY_TEXT}, not ${StatementType[prepared.statementType] ?? kind()}`);
  return prepared;
}

const READ_ONLY_TEXT = 'only one read-only statement (SELECT, WITH, VALUES, DESCRIBE, SHOW…) runs here';

/** Runs `fn`, turning the engine's refusals of a locked session into StatementRefused. */
export async function refusing<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const first = (e as Error).message.split('\n')[0];
    const detail = first.replace(/^[A-Za-z ]+Error: /, '');
    if (first.startsWith('Permission Error')) throw new StatementRefused(`no access to files outside the published tables (${detail})`);
    if (/configuration has been locked/.test(first)) throw new StatementRefused(`the configuration cannot be changed (${detail})`);
    throw e;
  }
}
