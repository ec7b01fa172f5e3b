import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { readMapping } from '../../engine/read/read-mapping.ts';
import { formatDiagnostics } from '../../engine/diagnostics/format.ts';
import type { Diagnostic } from '../../engine/diagnostics/diagnostic.ts';
import { tempDir } from '../helpers/tmp.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(root, 'test/fixtures/mappings');
const yamls = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const broken = yamls.filter((f) => f.endsWith('_broken.yaml'));
const valid = yamls.filter((f) => !f.endsWith('_broken.yaml'));

/** Formatted as the CLI prints them from the repo root; absolute paths inside messages shown relative too. */
const format = (d: Diagnostic[]) => formatDiagnostics(d, root).split(root + '/').join('') + '\n';
const read = (f: string) => readMapping(path.join(dir, f)).diagnostics;
/** The source text at a diagnostic's location (to check it points at the offending key or value). */
const textAt = (d: Diagnostic, n = 20) => readFileSync(d.at!.file, 'utf8').split('\n')[d.at!.line - 1].slice(d.at!.column - 1, d.at!.column - 1 + n);

describe('fixture mappings', () => {
  test('the folder has broken and valid fixtures', () => {
    expect(broken.length).toBeGreaterThanOrEqual(18);
    expect(valid).toEqual(expect.arrayContaining(['minimal.yaml', 'valid.yaml']));
  });

  test.each(broken)('%s gives exactly its expected diagnostics', (f) => {
    const expected = path.join(dir, f.replace(/\.yaml$/, '.expected.txt'));
    expect(existsSync(expected), `${expected} is missing`).toBe(true);
    const diags = read(f);
    expect(format(diags)).toBe(readFileSync(expected, 'utf8'));
    for (const d of diags) {
      expect(d.severity).toBe('error');
      expect(d.at).toMatchObject({ file: path.join(dir, f) });
      expect(d.at!.line).toBeGreaterThanOrEqual(1);
      expect(d.at!.column).toBeGreaterThanOrEqual(1);
    }
  });

  test.each(valid)('%s resolves without errors', (f) => {
    const { plan, diagnostics } = readMapping(path.join(dir, f));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(plan).toBeDefined();
  });
});

describe('locations point at the offending key or value', () => {
  const first = (f: string, code: string) => {
    const d = read(f).find((x) => x.code === code);
    expect(d, `${f}: no ${code}`).toBeDefined();
    return d!;
  };

  test('unknown top-level key with did-you-mean', () => {
    const d = first('unknown_top_key_broken.yaml', 'schema-unknown-key');
    expect(d.at).toMatchObject({ line: 2, column: 1 });
    expect(textAt(d, 8)).toBe('timezon:');
    expect(d.hint).toBe("did you mean 'timezone'?");
  });

  test('unknown column key', () => {
    const d = first('unknown_column_key_broken.yaml', 'schema-unknown-key');
    expect(d.at).toMatchObject({ line: 9, column: 5 });
    expect(textAt(d, 6)).toBe('vaule:');
  });

  test('bad enum value', () => {
    const d = first('bad_enum_broken.yaml', 'schema-enum');
    expect(d.at).toMatchObject({ line: 5, column: 55 });
    expect(textAt(d, 5)).toBe('lastt');
  });

  test('unknown source column', () => {
    const d = first('unknown_source_column_broken.yaml', 'unknown-source-column');
    expect(d.at).toMatchObject({ line: 9, column: 20 });
    expect(textAt(d, 5)).toBe('vaule');
    expect(d.hint).toBe("did you mean 'value'?");
  });

  test('bad timestamp format and format name', () => {
    expect(textAt(first('bad_timestamp_format_broken.yaml', 'bad-timestamp-format'), 13)).toBe('"%Y-%m-%d %Q"');
    const d = first('bad_format_name_broken.yaml', 'bad-timestamp-format');
    expect(d.at).toMatchObject({ line: 7, column: 51 });
    expect(textAt(d, 7)).toBe('iso8061');
  });

  test('expression errors point at the character inside the quoted expression', () => {
    const d = first('expr_unknown_column_broken.yaml', 'expr-unknown-column');
    expect(d.at).toMatchObject({ line: 7, column: 48 });
    expect(textAt(d, 14)).toBe('premise_streat');
    const u = read('expr_unsupported_broken.yaml');
    expect(u.map((x) => [x.at!.line, x.at!.column, textAt(x, 8)])).toEqual([
      [11, 23, '$map([ch'],
      [11, 39, 'function'],
      [12, 23, 'channel.'],
    ]);
  });

  test('joins, dedupe, sources, timezones, regexes', () => {
    expect(textAt(first('join_unmapped_table_broken.yaml', 'table-not-mapped'), 6)).toBe('meters');
    expect(textAt(first('join_unknown_column_broken.yaml', 'join-unknown-column'), 24)).toBe('{ meter_id: meter_number');
    expect(textAt(first('dedupe_key_not_column_broken.yaml', 'dedupe-unknown-column'), 11)).toBe('channel_raw');
    expect(textAt(first('source_not_found_broken.yaml', 'source-not-found'), 20)).toBe('../data/interval.csv');
    expect(textAt(first('unknown_timezone_broken.yaml', 'unknown-timezone'), 16)).toBe('America/New_Yrok');
    expect(textAt(first('unknown_column_timezone_broken.yaml', 'unknown-timezone'), 13)).toBe('Europe/Pariss');
    expect(textAt(first('bad_regex_broken.yaml', 'bad-regex'), 8)).toBe('"^KWH ("');
    expect(textAt(first('wrong_type_broken.yaml', 'schema-type'), 4)).toBe('"no"');
    expect(textAt(first('unmapped_required_column_broken.yaml', 'unmapped-required-column'), 8)).toBe('columns:');
    expect(first('yaml_syntax_broken.yaml', 'yaml-syntax').at).toMatchObject({ line: 8, column: 12 });
  });
});

describe('regular expressions are checked with the engine syntax', () => {
  // Patterns run on DuckDB's RE2, which has no lookaround or backreferences: they are validated with RE2's
  // rules (engine/sql/regex-check.ts), so `validate` refuses what the run would (more cases: test/sql/regex-check).
  test.each([['^KWH (?= )'], ['^(K)\\\\1']])('%s is reported by readMapping as bad-regex', (pattern) => {
    const t = tempDir();
    const src = path.join(root, 'test/fixtures/data/intervals.csv');
    const f = t.write(
      'm.yaml',
      `utility: T
timezone: UTC
intervals:
  source: ${src}
  columns:
    meter_id: meter
    interval_start_ts: timestamp
    duration_seconds: 900
    value: value
    unit: { from: channel, match: [{ pattern: "${pattern}", value: kWh }] }
`,
    );
    const diags = readMapping(f).diagnostics;
    expect(diags.map((d) => d.code)).toEqual(['bad-regex']);
    expect(diags[0].at).toMatchObject({ line: 10, column: 47 });
  });
});
