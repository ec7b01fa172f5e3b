import { describe, expect, it } from 'vitest';
import { databricksDialect, sparkDialect as s } from '../../engine/sql/spark-dialect.ts';

describe('sparkDialect', () => {
  it('quotes identifiers with backticks, doubling embedded backticks', () => {
    expect(s.quoteIdent('meter id')).toBe('`meter id`');
    expect(s.quoteIdent('a`b"c')).toBe('`a``b"c`');
  });

  it('escapes string literals with backslashes (adjacent literals would concatenate)', () => {
    expect(s.string("O'Brien")).toBe("'O\\'Brien'");
    expect(s.string('C:\\data')).toBe("'C:\\\\data'");
    expect(s.string('plain')).toBe("'plain'");
  });

  it('VEE parts: a day series, the median of a few values, an ordered string aggregate', () => {
    expect(s.localDaySeries('a', 'b')).toBe('explode(sequence(a, b, INTERVAL 1 DAY))');
    const median = s.medianOf(['x', 'y']);
    expect(median).toContain('array_sort(filter(array(x, y), x -> x IS NOT NULL))');
    expect(median).toContain('WHEN size(s) % 2 = 1 THEN element_at(s, CAST(size(s) DIV 2 + 1 AS INT))');
    expect(s.stringAgg('v', 'ts', ', ')).toBe("array_join(transform(array_sort(collect_list(struct(ts AS k, v AS v))), x -> x.v), ', ')");
  });

  it('casts', () => {
    expect(s.tryCast('x', 'double')).toBe('try_cast(x AS DOUBLE)');
    expect(s.cast('x', 'string')).toBe('CAST(x AS STRING)');
    expect(s.cast('x', 'integer')).toBe('CAST(x AS INT)');
    expect(s.tryCast('x', 'timestamp')).toBe('try_cast(x AS TIMESTAMP)');
  });

  it('concatenates with NULL as empty via concat_ws', () => {
    expect(s.concat(['a', 'b'])).toBe("concat_ws('', a, b)");
    expect(s.concat(['a'])).toBe("concat_ws('', a)");
  });

  it('regex match and extract', () => {
    expect(s.regexpMatches('x', '^\\d+$')).toBe("(x RLIKE '^\\\\d+$')");
    expect(s.regexpExtract('x', '(\\d+)', 1)).toBe("NULLIF(regexp_extract(x, '(\\\\d+)', 1), '')");
  });

  it('parses timestamps with a converted pattern', () => {
    // one or two digits where strftime takes them (between non-digits), fixed widths when glued
    expect(s.tryParseLocal('x', '%Y-%m-%dT%H:%M')).toBe("try_to_timestamp(x, 'yyyy-M-d\\'T\\'H:mm')");
    expect(s.tryParseLocal('x', '%Y%m%d %H%M')).toBe("try_to_timestamp(x, 'yyyyMMdd HHmm')");
    expect(s.tryParseIsoInstant('x')).toBe('try_cast(x AS TIMESTAMP)');
    expect(s.tryParseIsoLocal('x')).toBe('try_cast(x AS TIMESTAMP)');
  });

  it('time zones and epoch arithmetic', () => {
    expect(s.localToInstant('t', 'America/Chicago')).toBe("to_utc_timestamp(t, 'America/Chicago')");
    expect(s.instantToLocal('t', 'America/Chicago')).toBe("from_utc_timestamp(t, 'America/Chicago')");
    expect(s.epochSecondsToInstant('e')).toBe('timestamp_micros(CAST(round(CAST(e AS DOUBLE) * 1000000) AS BIGINT))');
    expect(s.addSeconds('t', '900')).toBe('timestamp_micros(unix_micros(t) + CAST(round(CAST(900 AS DOUBLE) * 1000000) AS BIGINT))');
    expect(s.diffSeconds('a', 'b')).toBe('((unix_micros(b) - unix_micros(a)) / 1000000)');
  });

  it('maps function names', () => {
    expect(s.fn('strpos', ['a', "'-'"])).toBe("instr(a, '-')");
    expect(s.fn('length', ['a'])).toBe('char_length(a)');
    expect(s.fn('substring', ['a', '2', '3'])).toBe('substring(a, 2, 3)');
    expect(s.fn('upper', ['a'])).toBe('upper(a)');
  });

  it('records as JSON, with NULL fields kept and instants as DuckDB prints them', () => {
    expect(s.recordJson([['id', 'x'], ["it's", 'y']])).toBe(
      "to_json(named_struct('id', x, 'it\\'s', y), map('ignoreNullFields', 'false', 'timestampFormat', 'yyyy-MM-dd HH:mm:ssx', 'timestampNTZFormat', 'yyyy-MM-dd HH:mm:ss'))",
    );
  });

  it('writes partitioned Parquet through the engine on open-source Spark, as a table on Databricks', () => {
    expect(s.writeParquet('SELECT 1', '/out/t', ['utility_id'])).toBe("COPY (SELECT 1) TO '/out/t' (FORMAT parquet, PARTITION_BY (`utility_id`))");
    expect(databricksDialect.writeParquet('SELECT 1', '/out/t', ['utility_id'])).toBe(
      'CREATE OR REPLACE TABLE parquet.`/out/t` USING parquet PARTITIONED BY (`utility_id`) AS SELECT 1',
    );
  });

  it('reads CSV as numbered text lines parsed by from_csv: no Databricks read_files, no ordering window', () => {
    const csv = { delimiter: ';', quote: '"', escape: '"', header: true, encoding: 'latin-1', nulls: [''] };
    const load = s.loadCsv('raw', 'err', '/in.csv', ['a', 'b c'], csv);
    expect(load).not.toMatch(/read_files|row_number|OVER/);
    expect(load).toContain("decode(CAST(value AS BINARY), 'ISO-8859-1')");
    expect(load).toContain("from_csv(__text, '`a` STRING, `b c` STRING', map('sep', ';', 'quote', '\"', 'escape', '\"'");
    // One pass numbers, checks and parses the lines; the well-formed rows are a view of it (no job of their own).
    expect(load.split(';\n').map((x) => x.slice(0, 40))).toEqual([
      'CREATE OR REPLACE TEMP TABLE `raw__lines',
      'CREATE OR REPLACE TEMP TABLE `err` AS SE',
      'CREATE OR REPLACE TEMP VIEW `raw` AS SEL',
      'DROP TABLE IF EXISTS `raw__lines`',
    ]);
    expect(load.match(/FROM text\./g)).toHaveLength(1);
    // On Databricks a view is read by name: the rows are a table.
    const job = databricksDialect.loadCsv('raw', 'err', '/in.csv', ['a', 'b c'], csv);
    expect(job.split(';\n')[2]).toMatch(/^CREATE OR REPLACE TEMP TABLE `raw` AS SELECT __src_line, `a`, `b c` FROM/);
    expect(s.rowNumber(1)).toBe('__src_line');
    expect(s.renumbersLines).toBe(false);
  });

  it('filters on a window without QUALIFY', () => {
    expect(s.qualify('*', 't', 'row_number() OVER (PARTITION BY k ORDER BY v) = 1')).toBe(
      'SELECT * EXCEPT (__qualify) FROM (SELECT *, (row_number() OVER (PARTITION BY k ORDER BY v) = 1) AS __qualify FROM t) WHERE __qualify',
    );
  });
});
