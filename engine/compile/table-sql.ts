import type { Dialect } from '../sql/dialect.ts';
import type { HopPlan, Plan, TablePlan } from '../plan/types.ts';
import { loadModelTable } from '../model/common-model.ts';
import { convertSql, fileNameSql } from './convert-sql.ts';
import { work, type Statement } from '../sql/statement.ts';
import { lookupJoins } from './lookup-sql.ts';
import { coverageStatements, lineFixStatements } from './coverage-sql.ts';
import { dedupeSql, repeatedKeysStatement } from './dedupe-sql.ts';

/**
 * The statements that standardize one table:
 *   read     load every file as text; its lines the reader did not return as rows are checked against
 *            the run's own line count (coverage-sql.ts)
 *   convert  convert every column, compute the reject reason and the filter (all rows)
 *   rejects  rows with a reason, plus malformed and lost CSV lines
 *   history  kept rows before deduplication (when an effective-dated join reads them)
 *   check    duplicate keys when dedupe says keep: fail
 *   repeated the keys that repeat, with what the dedupe needs of them (one aggregate, dedupe-sql.ts)
 *   standard kept, filtered, deduplicated rows joined to their lookups, in common-model columns
 *            (keep: quarantine leaves out every row of a key whose rows disagree; the rejects select
 *            them where they are counted and written: rejects-sql.ts)
 */
export function tableStatements(d: Dialect, plan: Plan, t: TablePlan, displayPath: (f: string) => string): Statement[] {
  const q = d.quoteIdent;
  const name = t.table;
  const convert = convertSql(d, t);
  const fileOf = (index: string) => fileNameSql(d, t, displayPath, index);

  // Each file is first loaded as text in file order (in parallel); its row ids give the lines.
  const statements: Statement[] = t.source.files.map((f, i) => ({
    name: `${name}.read.${i}`,
    kind: 'create' as const,
    label: `${name}: read ${displayPath(f)}`,
    sql: d.loadCsv(work.raw(name, i), work.csvErrors(name, i), f, t.source.columns, t.source.csv),
  }));
  // The lines the reader did not return as rows, checked against the run's own count of the file's lines.
  t.source.files.forEach((_, i) => statements.push(...coverageStatements(d, t, i)));
  statements.push({ name: `${name}.convert`, kind: 'create', sql: convert, label: `${name}: convert ${t.source.files.length} file(s)` });
  t.source.files.forEach((_, i) => statements.push({ name: `${name}.drop-raw.${i}`, kind: 'drop', label: `${name}: free the text of file ${i}`, sql: `DROP TABLE IF EXISTS ${q(work.raw(name, i))}` }));
  // Engines whose rows carry their file line (Spark) need no renumbering.
  if (d.renumbersLines) t.source.files.forEach((_, i) => statements.push(...lineFixStatements(d, t, i)));
  const rejectSelects = [
    `SELECT ${d.string(plan.utility)} AS utility_id, ${d.string(name)} AS "table", ${fileOf('__file_index')} AS source_file, __line AS source_line, __reason AS reason, __record AS record FROM ${q(work.conv(name))} WHERE __reason IS NOT NULL`,
    ...t.source.files.map(
      (f, i) =>
        `SELECT ${d.string(plan.utility)}, ${d.string(name)}, ${d.string(displayPath(f))}, line, reason, record ` +
        `FROM ${q(work.skip(name, i))}`,
    ),
  ];
  statements.push({ name: `${name}.rejects`, kind: 'create', label: `${name}: collect rejected rows`, sql: `CREATE OR REPLACE TEMP TABLE ${q(work.rej(name))} AS\n${rejectSelects.join('\nUNION ALL\n')}` });

  const kept = `SELECT * FROM ${q(work.conv(name))} WHERE __keep`;
  if (t.keepHistory) statements.push({ name: `${name}.history`, kind: 'create', label: `${name}: keep history for effective-dated joins`, sql: `CREATE OR REPLACE TEMP TABLE ${q(work.hist(name))} AS ${kept}` });
  let body = kept;
  if (t.dedupe) {
    const key = t.dedupe.key.map(q).join(', ');
    if (t.dedupe.keep === 'fail') {
      statements.push({ name: `${name}.dedupe-check`, kind: 'check', label: `${name}: check for duplicate keys`, sql: `SELECT ${key}, count(*) AS n FROM (${kept}) GROUP BY ${key} HAVING count(*) > 1 ORDER BY n DESC LIMIT 5` });
    } else {
      statements.push(repeatedKeysStatement(d, t, kept));
      body = dedupeSql(d, t, kept);
    }
  }
  const model = loadModelTable(name);
  const { joins, selects } = lookupJoins(d, t, q);
  const mappedNames = new Set([...t.columns.map((c) => c.name), ...t.computed.map((c) => c.name)]);
  const out = model.columns.map((mc) => {
    if (mc.name === 'source_file') return `${fileOf('b.__file_index')} AS source_file`;
    if (mc.name === 'source_line') return `b.__line AS source_line`;
    if (selects.has(mc.name)) return `${selects.get(mc.name)} AS ${q(mc.name)}`;
    const planned = t.columns.find((c) => c.name === mc.name);
    // A `type` in the mapping is how the source is read; the output keeps the common-model type.
    if (planned && planned.type !== mc.type) return `${d.cast(`b.${q(mc.name)}`, mc.type)} AS ${q(mc.name)}`;
    if (mappedNames.has(mc.name)) return `b.${q(mc.name)}`;
    return `${d.cast('NULL', mc.type)} AS ${q(mc.name)}`;
  });
  const found = t.lookups.map((l) => `${selects.get(`__found_${l.name}`)} AS ${q(`__found_${l.name}`)}`);
  // No ORDER BY: rows keep the file order within the runs of rows each thread joins, and the runs'
  // order may differ between runs of large inputs. Sorting 5M 16-column rows cost 4 s of 10, and at
  // 50M rows the sort spilled for most of 151 s; the published rows are the same either way.
  statements.push({
    name: `${name}.standardize`,
    kind: 'create',
    label: `${name}: filter, deduplicate and join`,
    sql: `CREATE OR REPLACE TEMP TABLE ${q(work.std(name))} AS\nSELECT ${[...out, ...found].join(',\n  ')}\nFROM (${body}) b${joins.length ? '\n' + joins.join('\n') : ''}`,
  });
  for (const l of t.lookups.filter((x) => x.required)) {
    const found = q(`__found_${l.name}`);
    const rec = d.recordJson(t.output.map((c) => [c, q(c), t.columns.find((x) => x.name === c)?.type]));
    statements.push({
      name: `${name}.reject-orphans.${l.name}`,
      kind: 'create',
      label: `${name}: reject rows whose ${l.name} cannot be looked up`,
      sql: `INSERT INTO ${q(work.rej(name))} SELECT utility_id, ${d.string(name)}, source_file, source_line, ${d.string(`${l.name}: no match through ${l.hops.map((h) => h.table).join(' → ')}`)}, ${rec} FROM ${q(work.std(name))} WHERE NOT ${found};
DELETE FROM ${q(work.std(name))} WHERE NOT ${found}`,
    });
  }
  return statements;
}

export type { HopPlan };


