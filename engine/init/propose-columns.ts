import { loadModelTable, type ModelColumn, type StandardTable } from '../model/common-model.ts';
import { nameScore, normalize } from './column-names.ts';
import type { SniffedFile } from './sniff-file.ts';
import {
  distinct,
  guessTimestamp,
  isInteger,
  isNumber,
  isZipPlus4,
  looksLikeCodes,
  type TimestampGuess,
} from './sniff-values.ts';

/** One proposed column of a mapping: its spec (as YAML will hold it) and, when unsure, why. */
export interface Proposal {
  column: string;
  spec: string | number | Record<string, unknown>;
  todo?: string;
}

/** Columns the engine fills itself, or computes when they are not mapped. */
const ENGINE_COLUMNS = new Set(['utility_id', 'source_file', 'source_line', 'interval_end_ts']);
/** Columns whose values are codes: few distinct values get a `map` stub listing them. */
const CODE_COLUMNS = new Set(['meter_type', 'meter_status', 'meter_category', 'quality', 'channel', 'unit']);
/** Below this name score a column is not proposed; below SURE it is proposed with a TODO. */
const MIN_SCORE = 0.6;
const SURE = 0.9;

export interface TableContext {
  /** The meters section maps service_point_id (so intervals can reach it through their meter). */
  metersHaveServicePoint: boolean;
}

export function proposeColumns(table: StandardTable, f: SniffedFile, ctx: TableContext): Proposal[] {
  const targets = loadModelTable(table).columns.filter((c) => !ENGINE_COLUMNS.has(c.name));
  const values = (src: string) => sampleOf(f, src);
  const pairs = targets.flatMap((t) => f.columns.map((s) => ({ t, s, score: nameScore(table, t.name, s) })));
  pairs.sort((a, b) => b.score - a.score);
  const chosen = new Map<string, { s: string; score: number }>();
  const used = new Set<string>();
  for (const p of pairs) {
    if (p.score < MIN_SCORE || chosen.has(p.t.name) || used.has(p.s)) continue;
    if (!fits(p.t, values(p.s), p.s)) continue;
    chosen.set(p.t.name, p);
    used.add(p.s);
  }
  const out: Proposal[] = [];
  for (const t of targets) {
    const c = chosen.get(t.name);
    if (c) out.push(specFor(t, c.s, values(c.s), c.score < SURE ? `guessed from the name '${c.s}': check` : undefined));
  }
  // A raw copy of the codes next to their mapped value, as the sample mappings keep them.
  for (const [raw, of] of [
    ['channel_raw', 'channel'],
    ['quality_raw', 'quality'],
  ] as const) {
    const c = chosen.get(of);
    if (table === 'intervals' && c && !chosen.has(raw)) out.push({ column: raw, spec: c.s });
  }
  if (table === 'intervals') out.push(...intervalDefaults(f, out, chosen, ctx));
  else if (!out.some((p) => p.column === targets.find((t) => t.required)?.name)) out.unshift(missingKey(targets, f));
  return order(out, targets);
}

function sampleOf(f: SniffedFile, column: string): string[] {
  const i = f.columns.indexOf(column);
  return f.rows.map((r) => r[i]).filter((v): v is string => v !== undefined && v !== '' && !/^null$/i.test(v));
}

/** Whether the sample's values can be read as the column's type (numbers: nearly all of them). */
function fits(t: ModelColumn, values: string[], name: string): boolean {
  if (!values.length) return !t.required;
  if (t.type === 'timestamp') return guessTimestamp(values, name) !== undefined;
  if (t.type === 'double') return misfits(t, values).length <= values.length / 10;
  if (t.type === 'bigint') return misfits(t, values).length <= values.length / 10;
  return true;
}

function misfits(t: ModelColumn, values: string[]): string[] {
  if (t.type === 'double') return values.filter((v) => !isNumber(v));
  if (t.type === 'bigint') return values.filter((v) => !isInteger(v));
  return [];
}

function specFor(t: ModelColumn, src: string, values: string[], todo: string | undefined): Proposal {
  const note = (more: string) => (todo ? `${todo}; ${more}` : more);
  if (t.type === 'timestamp' && !values.length) {
    return {
      column: t.name,
      spec: { from: src, format: 'iso8601' },
      todo: note(`'${src}' is empty in the sample: the format is a guess`),
    };
  }
  const bad = misfits(t, values);
  if (bad.length)
    todo = note(
      `${bad.length} value(s) of the sample are not ${t.type === 'double' ? 'numbers' : 'integers'} (e.g. '${bad[0]}'): their rows will be rejected`,
    );
  if (t.type === 'timestamp') {
    const g = guessTimestamp(values, src) as TimestampGuess;
    return {
      column: t.name,
      spec: { from: src, format: g.format },
      todo: g.ambiguous ? note(`${g.format} fits the sample, but so does another day/month order`) : todo,
    };
  }
  if (t.name === 'zip' && values.some(isZipPlus4)) {
    return { column: t.name, spec: { from: src, extract: '^(\\d{5})' }, todo };
  }
  if (CODE_COLUMNS.has(t.name) && looksLikeCodes(values)) {
    const codes = distinct(values);
    return {
      column: t.name,
      spec: { from: src, map: Object.fromEntries(codes.map((v) => [v, v])) },
      todo: note(
        `map stub: the ${codes.length} code(s) of the sample; give each its value (unknown codes reject the row)`,
      ),
    };
  }
  return { column: t.name, spec: src, todo };
}

/** An id column is required: without a match by name, take the first column and say so. */
function missingKey(targets: ModelColumn[], f: SniffedFile): Proposal {
  const key = targets.find((t) => t.required)!;
  return {
    column: key.name,
    spec: f.columns[0],
    todo: `no column looks like ${key.name}: '${f.columns[0]}' is a placeholder`,
  };
}

/** Required interval columns without a source column: constants, `add` and `via`, each marked TODO. */
function intervalDefaults(
  f: SniffedFile,
  out: Proposal[],
  chosen: Map<string, { s: string }>,
  ctx: TableContext,
): Proposal[] {
  const extra: Proposal[] = [];
  const has = (c: string) => out.some((p) => p.column === c) || extra.some((p) => p.column === c);
  if (!has('meter_id'))
    extra.push(
      missingKey(
        loadModelTable('intervals').columns.filter((c) => c.name === 'meter_id'),
        f,
      ),
    );
  const start = out.find((p) => p.column === 'interval_start_ts');
  const startSrc = chosen.get('interval_start_ts')?.s;
  const guess = startSrc ? guessTimestamp(sampleOf(f, startSrc), startSrc) : undefined;
  const hour = f.columns.find((c) => /hour/i.test(c) && sampleOf(f, c).every((v) => isInteger(v) && Number(v) <= 25));
  if (start && guess?.dateOnly && hour) {
    const base = Math.min(...sampleOf(f, hour).map(Number)) >= 1 ? 1 : 0;
    (start.spec as Record<string, unknown>).add = { from: hour, unit: 'hours', base };
    start.todo = `the date plus the hour in '${hour}' (${base === 1 ? 'hour ending 1…24' : 'hour 0…23'}): check`;
  }
  if (!has('duration_seconds')) {
    const seconds = hour && guess?.dateOnly ? 3600 : guess?.dateOnly ? 86400 : 900;
    extra.push({
      column: 'duration_seconds',
      spec: seconds,
      todo: `the interval length in seconds is not in the files: ${seconds} is a guess`,
    });
  } else {
    const d = out.find((p) => p.column === 'duration_seconds')!;
    const src = typeof d.spec === 'string' ? d.spec : undefined;
    if (src && sampleOf(f, src).every((v) => Number(v) === 0)) {
      Object.assign(d, {
        spec: guess?.dateOnly ? 86400 : 900,
        todo: `'${src}' is 0 in the sample: the interval length is a guess`,
      });
    }
  }
  if (!has('unit')) {
    const value =
      typeof out.find((p) => p.column === 'value')?.spec === 'string'
        ? normalize(String(out.find((p) => p.column === 'value')!.spec))
        : '';
    if (value === 'kwh') extra.push({ column: 'unit', spec: { const: 'kWh' } });
    else if (value === 'wh') {
      const v = out.find((p) => p.column === 'value')!;
      v.spec = { from: v.spec, scale: 0.001 };
      v.todo = [v.todo, 'Wh read as kWh (× 0.001): check'].filter(Boolean).join('; ');
      extra.push({ column: 'unit', spec: { const: 'kWh' } });
    } else
      extra.push(
        unitFromLabels(f) ?? {
          column: 'unit',
          spec: { const: 'unknown' },
          todo: 'no unit column: set the unit (a const, or a match on a channel label)',
        },
      );
  }
  if (!has('service_point_id') && ctx.metersHaveServicePoint) {
    extra.push({
      column: 'service_point_id',
      spec: { via: { table: 'meters', on: 'meter_id' } },
      todo: "the meter's service point; add effective: [installed_at, removed_at] if meters move",
    });
  }
  return extra;
}

/** Units named in a column of labels (`KWH Net 15 Minute …`): a `match` on the words, longest first. */
const UNIT_WORDS: [RegExp, string][] = [
  [/\bKVARH\b/i, 'kVARh'],
  [/\bKWH\b/i, 'kWh'],
  [/\bWH\b/i, 'Wh'],
];

function unitFromLabels(f: SniffedFile): Proposal | undefined {
  for (const c of f.columns) {
    const codes = distinct(sampleOf(f, c));
    if (!looksLikeCodes(sampleOf(f, c))) continue;
    // The word as the files spell it, e.g. `\bKWH\b`.
    const match = UNIT_WORDS.flatMap(([re, value]) => {
      const word = codes.map((v) => re.exec(v)?.[0]).find((w) => w !== undefined);
      return word ? [{ pattern: `\\b${word}\\b`, value }] : [];
    });
    if (!match.length) continue;
    return {
      column: 'unit',
      spec: { from: c, match, default: 'unknown' },
      todo: `the unit from the labels in '${c}': check the patterns`,
    };
  }
  return undefined;
}

/** Common-model order, so the mapping reads like docs/common-model.md. */
function order(ps: Proposal[], targets: ModelColumn[]): Proposal[] {
  const rank = (c: string) => {
    const i = targets.findIndex((t) => t.name === c);
    return i < 0 ? targets.length : i;
  };
  return [...ps].sort((a, b) => rank(a.column) - rank(b.column));
}
