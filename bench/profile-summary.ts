import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The slowest statements of a profiled run (`npm run bench -- --profile DIR`), each with its most
 * expensive operators, from DuckDB's JSON profiles (one file per statement, in run order):
 *
 *   node bin/run-ts.js bench/profile-summary.ts DIR [--top 15] [--operators 4]
 */
interface ProfileNode {
  operator_type?: string;
  operator_timing?: number;
  operator_cardinality?: number;
  extra_info?: Record<string, unknown>;
  children?: ProfileNode[];
}

interface Profile extends ProfileNode {
  query_name: string;
  latency: number;
  cpu_time?: number;
  system_peak_buffer_memory?: number;
}

export interface OperatorFigure {
  operator: string;
  seconds: number;
  rows: number;
  detail: string;
}

export interface StatementFigure {
  file: string;
  statement: string;
  seconds: number;
  peakBufferMB: number;
  operators: OperatorFigure[];
}

export function readProfiles(dir: string): StatementFigure[] {
  const files = readdirSync(dir).filter((f) => /^\d+\.json$/.test(f)).sort();
  return files.map((file) => {
    const p = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Profile;
    return {
      file,
      statement: oneLine(p.query_name),
      seconds: p.latency,
      peakBufferMB: (p.system_peak_buffer_memory ?? 0) / 2 ** 20,
      operators: operatorsOf(p).sort((a, b) => b.seconds - a.seconds),
    };
  });
}

/** Every operator of the tree (operator_timing is the operator's own time, summed over its threads). */
function operatorsOf(node: ProfileNode): OperatorFigure[] {
  const own: OperatorFigure[] = node.operator_type
    ? [{ operator: node.operator_type, seconds: node.operator_timing ?? 0, rows: node.operator_cardinality ?? 0,
        detail: detailOf(node.extra_info) }]
    : [];
  return [...own, ...(node.children ?? []).flatMap(operatorsOf)];
}

/** What the operator works on: its grouping keys, join condition or table, shortened. */
function detailOf(info: Record<string, unknown> | undefined): string {
  if (!info) return '';
  const keys = ['Groups', 'Conditions', 'Join Type', 'Table', 'Function', 'Aggregates'];
  const parts = keys.flatMap((k) => (info[k] === undefined ? [] : [`${k}: ${oneLine(String(info[k]))}`]));
  return parts.join('; ').slice(0, 160);
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function formatProfiles(figures: StatementFigure[], top = 15, operators = 4): string {
  const total = figures.reduce((a, f) => a + f.seconds, 0);
  const lines = [`${figures.length} statements, ${total.toFixed(2)} s in all; the ${top} slowest:`];
  for (const f of [...figures].sort((a, b) => b.seconds - a.seconds).slice(0, top)) {
    lines.push(`${f.seconds.toFixed(2).padStart(7)} s  ${f.file}  buffers ${f.peakBufferMB.toFixed(0)} MB  ` +
      f.statement.slice(0, 100));
    for (const o of f.operators.slice(0, operators)) {
      const rows = o.rows.toLocaleString('en-US');
      lines.push(`           ${o.seconds.toFixed(2).padStart(6)} s  ${o.operator} (${rows} rows) ${o.detail}`);
    }
  }
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join('bench', 'profile-summary.ts'))) {
  const [dir, ...rest] = process.argv.slice(2);
  if (!dir) throw new Error('usage: profile-summary.ts DIR [--top N] [--operators N]');
  const option = (name: string, fallback: number) => {
    const i = rest.indexOf(name);
    return i >= 0 ? Number(rest[i + 1]) : fallback;
  };
  console.log(formatProfiles(readProfiles(dir), option('--top', 15), option('--operators', 4)));
}
