import { tempDir } from '../helpers/tmp.ts';

/**
 * Fixtures of the differential suite, written to a temporary folder: each function returns the
 * mapping files of one case. They are small on purpose (Spark's cost is per statement, not per row)
 * and aimed at the places where Spark's semantics differ from DuckDB's: DST, half-hour zones,
 * effective-dated joins, every data-quality rule type, rejects, quarantine.
 */
const csv = (header: string, rows: string[]) => [header, ...rows].join('\n') + '\n';
const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock texts `YYYY-MM-DD HH:MM` every `step` minutes over [from, to), DST ignored (so a skipped hour is in). */
function wallClock(from: string, to: string, step: number): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}Z`); t < Date.parse(`${to}Z`); t += step * 60_000) out.push(new Date(t).toISOString().slice(0, 16).replace('T', ' '));
  return out;
}

/** The instants every `step` minutes over [from, to) (ISO with Z), as ISO text with the zone's offset. */
function instantsIn(zone: string, from: string, to: string, step: number): string[] {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    ...{ year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' },
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  });
  const out: string[] = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += step * 60_000) {
    const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
    out.push(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${p.timeZoneName.replace('GMT', '') || '+00:00'}`);
  }
  return out;
}

/** A read value with one decimal place, varying along the series (sums of doubles are order-sensitive). */
const value = (i: number) => ((i * 37) % 101) / 10;

const intervalsBlock = (source: string, ts: string, extra = '') => `intervals:
  source: ${source}
  columns:
    meter_id: m
    service_point_id: sp
    interval_start_ts: ${ts}
    duration_seconds: d
    value: v
    unit: { const: kWh }
    direction: { const: delivered }
    channel_raw: { const: kwh }
${extra}`;

/**
 * DST: New York's spring-forward and fall-back days at 5, 15 and 60 minutes, read as local wall-clock
 * text (the skipped hour is in the file, the repeated one once) and as instants with offsets, under
 * two DST policies (one utility each); Havana, where local midnight is skipped and repeated;
 * Lord Howe, whose DST shift is half an hour; Kolkata, a half-hour offset read with one-digit fields.
 */
export function dstFixture(): string[] {
  const t = tempDir('gridflow-diff-dst-');
  const ny: string[] = [];
  for (const step of [5, 15, 60]) {
    const windows = [['2025-03-08T22:00', '2025-03-10T02:00'], ['2025-11-01T22:00', '2025-11-03T02:00']];
    for (const [from, to] of windows) {
      wallClock(from, to, step).forEach((ts, i) => ny.push(`W${step},P1,${ts},${step * 60},${value(i)}`));
      const zone = instantsIn('America/New_York', `${from}:00-05:00`, `${to}:00-05:00`, step);
      zone.forEach((ts, i) => ny.push(`I${step},P2,${ts},${step * 60},${value(i)}`));
    }
  }
  t.write('ny.csv', csv('m,sp,ts,d,v', ny));
  // ambiguous: reject is held to DuckDB's answers value by value (dialect-hooks.ts), as is every policy.
  const policies: [string, string][] = [
    ['NY_EARLIER', ''],
    ['NY_LATER', ', ambiguous: later, nonexistent: shift_forward'],
  ];
  const mappings = policies.map(([u, policy]) =>
    t.write(`${u}.yaml`, `utility: ${u}\ntimezone: America/New_York\n${intervalsBlock('ny.csv', `{ from: ts, format: iso8601${policy} }`)}`),
  );

  const havana = [
    ...instantsIn('America/Havana', '2025-03-08T05:00:00Z', '2025-03-10T04:00:00Z', 15),
    ...instantsIn('America/Havana', '2025-11-01T04:00:00Z', '2025-11-03T05:00:00Z', 15),
  ].map((ts, i) => `H1,P1,${ts},900,${value(i)}`);
  const midnights = ['2025-03-09 00:00', '2025-03-09 00:30', '2025-11-02 00:00', '2025-11-02 00:30', '2025-11-02 01:00'];
  havana.push(...midnights.map((ts, i) => `H2,P2,${ts},1800,${value(i)}`));
  t.write('havana.csv', csv('m,sp,ts,d,v', havana));
  mappings.push(t.write('HAVANA.yaml', `utility: HAVANA\ntimezone: America/Havana\n${intervalsBlock('havana.csv', '{ from: ts, format: iso8601 }')}`));

  const lordHowe = [...wallClock('2025-04-05T12:00', '2025-04-06T12:00', 15), ...wallClock('2025-10-04T12:00', '2025-10-05T12:00', 15)];
  t.write('lord_howe.csv', csv('m,sp,ts,d,v', lordHowe.map((ts, i) => `L1,P1,${ts},900,${value(i)}`)));
  const lh = intervalsBlock('lord_howe.csv', '{ from: ts, format: "%Y-%m-%d %H:%M" }');
  mappings.push(t.write('LORD_HOWE.yaml', `utility: LORD_HOWE\ntimezone: Australia/Lord_Howe\n${lh}`));

  // One-digit month, day and hour: `%m/%d/%Y %H:%M` reads 3/9/2025 0:15 (strftime accepts both widths).
  const unpadded = wallClock('2025-03-08T20:00', '2025-03-10T04:00', 15).map((ts) => {
    const [y, mo, d, h, mi] = ts.split(/[- :]/).map(Number);
    return `${mo}/${d}/${y} ${h}:${pad(mi)}`;
  });
  t.write('kolkata.csv', csv('m,sp,ts,d,v', unpadded.map((ts, i) => `K1,P1,${ts},900,${value(i)}`)));
  const kol = intervalsBlock('kolkata.csv', '{ from: ts, format: "%m/%d/%Y %H:%M" }');
  mappings.push(t.write('KOLKATA.yaml', `utility: KOLKATA\ntimezone: Asia/Kolkata\n${kol}`));
  return mappings;
}

/**
 * Effective-dated joins with meter swaps: meter M1 moves from P1 to P2 mid-day (local), P1 gets a new
 * meter M4 at the same instant, M2 is removed, M3 has reads before its installation; hourly reads
 * around the swaps, service points through the effective hop, usage per service point and day.
 */
export function meterSwapFixture(): string[] {
  const t = tempDir('gridflow-diff-swap-');
  t.write('sp.csv', csv('id,city', ['P1,Albany', 'P2,Troy', 'P3,Utica', 'P4,Rome']));
  t.write(
    'm.csv',
    csv('meter,premise,inst,rem', [
      'M1,P1,2025-01-01T00:00:00-05:00,2025-01-15T10:00:00-05:00',
      'M1,P2,2025-01-15T10:00:00-05:00,',
      'M4,P1,2025-01-15T10:00:00-05:00,',
      'M2,P3,2025-01-05T00:00:00-05:00,2025-01-15T12:30:00-05:00',
      'M3,P4,2025-01-15T06:00:00-05:00,',
    ]),
  );
  const reads: string[] = [];
  for (const m of ['M1', 'M2', 'M3', 'M4']) {
    instantsIn('America/New_York', '2025-01-14T05:00:00Z', '2025-01-17T05:00:00Z', 60).forEach((ts, i) => reads.push(`${m},${ts},${value(i)}`));
  }
  t.write('i.csv', csv('meter,ts,v', reads));
  return [
    t.write(
      'SWAPS.yaml',
      `utility: SWAPS
timezone: America/New_York
service_points:
  source: sp.csv
  columns:
    service_point_id: id
    city: city
meters:
  source: m.csv
  dedupe: { key: [meter_id], keep: last, order_by: installed_at }
  columns:
    meter_id: meter
    service_point_id: premise
    installed_at: { from: inst, format: iso8601 }
    removed_at: { from: rem, format: iso8601 }
intervals:
  source: i.csv
  columns:
    meter_id: meter
    interval_start_ts: { from: ts, format: iso8601 }
    duration_seconds: 3600
    value: v
    unit: { const: kWh }
    direction: { const: delivered }
    channel_raw: { const: kwh }
    service_point_id: { via: { table: meters, on: meter_id, effective: [installed_at, removed_at] } }
`,
    ),
  ];
}

/** Rules of every type on the DQ fixture, one with action quarantine (run date 2025-03-01). */
const DQ_RULES = `rules:
  - { name: nn_quality, table: intervals, type: not_null, columns: [quality] }
  - { name: nn_before, table: intervals, type: not_null, columns: [quality], before_dedupe: true }
  - { name: uniq_sp, table: meters, type: unique, columns: [service_point_id] }
  - { name: rel_sp, table: intervals, type: relationship, columns: [service_point_id], to: { table: service_points }, include_nulls: true }
  - { name: accepted, table: intervals, type: accepted_values, column: quality, values: [VAL, EST] }
  - { name: range_value, table: intervals, type: range, column: value, min: 0, max: 40, where: "unit = 'kWh'" }
  - { name: range_ts, table: intervals, type: range, column: interval_start_ts, min: now - 40 days, max: now }
  - { name: expr_est, table: intervals, type: expression, expr: "quality != 'EST'", warn_if: "> 0" }
  - { name: dups, table: intervals, type: duplicates, columns: [meter_id, interval_start_ts], compare: [value], severity: warn }
  - { name: count_bounds, table: intervals, type: row_count, min: 1, max: 10 }
  - { name: fresh, table: intervals, type: freshness, column: interval_start_ts, max_age: 1 day }
  - { name: iqr, table: intervals, type: outliers, column: value, method: iqr, factor: 3, group_by: [unit] }
  - { name: zscore, table: intervals, type: outliers, column: value, method: zscore, factor: 2 }
  - { name: gaps, table: intervals, type: gaps, severity: warn }
  - { name: frozen, table: intervals, type: frozen, min_run: 6, severity: warn }
  - { name: spike, table: intervals, type: spike, factor: 10, window: 3, min_value: 1, severity: warn }
  - { name: limits, table: intervals, type: limits, meter_class: meter_category, limits: { RESIDENTIAL: { max: 20 } }, default: { max: 1000 } }
  - { name: negative_out, table: intervals, type: range, column: value, min: 0, action: quarantine, severity: warn }
`;

/**
 * Every data-quality rule type (failing rows, counts, samples), quarantine by a rule and by a dedupe
 * policy `keep: quarantine`, and rejects: malformed lines (too many / missing columns, an
 * unterminated quote), values that do not convert, a fractional-second instant and a large double.
 */
export function dqFixture(): string[] {
  return [dqFiles().mapping('DQ', DQ_RULES)];
}

/** A rule of action `fail` that fails (a negative read): the run stops, nothing is published. */
export function dqFailFixture(): string[] {
  const t = tempDir('gridflow-diff-fail-');
  t.write('i.csv', csv('m,sp,ts,d,v', ['M1,P1,2025-02-27T10:00:00Z,900,1.5', 'M1,P1,2025-02-27T10:15:00Z,900,-2']));
  const rules = 'rules:\n  - { name: must_be_positive, table: intervals, type: range, column: value, min: 0, action: fail }\n';
  const intervals = intervalsBlock('i.csv', '{ from: ts, format: iso8601 }');
  return [t.write('FAIL.yaml', `utility: FAIL\ntimezone: America/New_York\n${intervals}${rules}`)];
}

function dqFiles(): { mapping: (utility: string, rules: string) => string } {
  const t = tempDir('gridflow-diff-dq-');
  t.write('sp.csv', csv('id,zip', ['S1,10001', 'S2,10002', 'S3,20003']));
  t.write('m.csv', csv('id,sp,cat', ['M1,S1,RESIDENTIAL', 'M2,S2,COMMERCIAL', 'M3,S3,', 'M4,S3,RESIDENTIAL']));
  const series = (m: string, sp: string, from: string, n: number, v: (i: number) => number | string, skip: number[] = []) =>
    instantsIn('America/New_York', from, new Date(Date.parse(from) + n * 900_000).toISOString(), 15)
      .map((ts, i) => `${m},${sp},kwh,${ts},${v(i)},kWh,VAL`)
      .filter((_, i) => !skip.includes(i));
  const rows = [
    ...series('M1', 'S1', '2025-02-26T05:00:00Z', 96, value, [10, 11, 40]), // gaps
    ...series('M2', 'S2', '2025-02-26T05:00:00Z', 96, (i) => (i >= 20 && i < 30 ? 7.5 : value(i))), // frozen
    ...series('M3', 'S3', '2025-02-27T05:00:00Z', 48, (i) => (i === 24 ? 12345678.9 : value(i) + 1)), // spike, limits
    ...series('M4', 'S9', '2025-02-27T05:00:00Z', 8, (i) => (i === 3 ? -2.5 : 0.0001 * (i + 1))), // orphan, negative
    'M1,S1,kwh,2025-02-26T06:00:00.5Z,3.25,kWh,EST', // fractional seconds
    'M1,S1,kwh,2025-02-26T06:00:00.5Z,3.5,kWh,EST', // dedupe: a conflicting copy → quarantine
    'M2,S2,kwh,2025-02-28T12:00:00Z,1,kWh,', // no quality
    'M2,S2,kwh,2025-02-28T12:15:00Z,2,kVARh,BAD',
    'M2,S2,kwh,2025-02-28T12:30:00Z,not-a-number,kWh,VAL', // rejected: value
    'M2,S2,kwh,2025-02-30T12:45:00Z,1,kWh,VAL', // rejected: timestamp
    'M2,S2,kwh,2025-02-28T13:00:00Z,1,kWh,VAL,extra', // malformed: too many columns
    'M2,S2,kwh,2025-02-28T13:15:00Z,1', // malformed: missing columns
    'M1,S1,kwh,1999-12-31T00:00:00Z,1e20,kWh,VAL', // old, huge
    // Last: an unterminated quote swallows the rest of a file on DuckDB (the run fails), where Spark
    // rejects each line it spans; on the last line both reject that line.
    'M2,S2,"kwh,2025-02-28T13:30:00Z,1,kWh,VAL', // malformed: unterminated quote
  ];
  t.write('i.csv', csv('m,sp,ch,ts,v,u,q', rows));
  const mapping = (utility: string, rules: string) => t.write(`${utility}.yaml`, `utility: ${utility}
timezone: America/New_York
service_points:
  source: sp.csv
  columns:
    service_point_id: id
    zip: zip
meters:
  source: m.csv
  columns:
    meter_id: id
    service_point_id: sp
    meter_category: cat
intervals:
  source: i.csv
  dedupe: { key: [meter_id, channel_raw, interval_start_ts], keep: quarantine }
  columns:
    meter_id: m
    service_point_id: sp
    channel_raw: ch
    interval_start_ts: { from: ts, format: iso8601 }
    duration_seconds: 900
    value: v
    unit: u
    quality: q
${rules}`);
  return { mapping };
}
