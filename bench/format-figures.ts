import type { BenchResult } from './bench.ts';
import { COMPARED_TABLES } from './output-figures.ts';

/** The bench's printed report: gridflow's stages, the floor, the reference's stages and both ratios. */
const n = (x: number, d = 2) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const HEAD = 'stage          seconds      rows/s  values written      values/s   peak RSS MB';

interface Row {
  stage: string;
  seconds: number;
  rowsPerSecond: number;
  valuesWritten?: number;
  valuesPerSecond?: number;
  peakRssMB?: number;
}

function line(s: Row): string {
  const v = (x: number | undefined, w: number) => (x === undefined ? '' : n(x, 0)).padStart(w);
  const times = `${s.stage.padEnd(12)} ${n(s.seconds).padStart(9)} ${n(s.rowsPerSecond, 0).padStart(11)}`;
  return `${times} ${v(s.valuesWritten, 15)} ${v(s.valuesPerSecond, 13)} ${v(s.peakRssMB, 13)}`;
}

const sum = (rows: { valuesWritten: number }[]) => rows.reduce((a, s) => a + s.valuesWritten, 0);

export function formatFigures(r: BenchResult): string {
  const total = (stage: string, seconds: number, values: number, peak: number): Row => ({
    stage,
    seconds,
    rowsPerSecond: r.rows / seconds,
    valuesWritten: values,
    valuesPerSecond: values / seconds,
    peakRssMB: peak,
  });
  const lines = [
    `gridflow bench: ${r.rows.toLocaleString('en-US')} interval rows, ${n(r.inputMB, 0)} MB of CSV, ${r.cores} cores, `
      + `memory limit ${r.memoryLimit}`,
    '',
    HEAD,
    ...r.stages.map(line),
    line(total('pipeline', r.pipelineSeconds, sum(r.stages), r.peakRssMB)),
    `${line({ stage: 'floor', seconds: r.floorSeconds, rowsPerSecond: r.rows / r.floorSeconds })}`
      + '   (DuckDB count(*) over the raw CSVs)',
    '',
    'standardize: read, convert, reject, deduplicate, join · dq: all rules',
    'product: join + Parquet of the external level (internal: a view) · experience: build + Parquet',
    'write: standardized tables, rejects, quarantine, DQ failures',
    'values written: rows × stored columns of every Parquet file the stage wrote',
    'values/s: values written / stage seconds',
  ];
  const ref = r.reference;
  if (ref) {
    lines.push(
      '',
      'reference: hand-written DuckDB SQL (bench/reference/), its own process, same engine settings',
      HEAD,
      ...ref.stages.map(line),
      line(total('reference', ref.seconds, sum(ref.stages), ref.peakRssMB)),
      `slowest statements: ${ref.slowest.map((s) => `${s.stage}/${s.name} ${n(s.seconds)} s`).join(', ')}`,
    );
  }
  lines.push('', `ratio pipeline / floor: ${n(r.ratio, 1)}×`);
  if (ref && r.ratioReference !== undefined) {
    const refFloor = n(ref.seconds / r.floorSeconds, 1);
    lines.push(`ratio pipeline / reference: ${n(r.ratioReference, 2)}× (reference / floor: ${refFloor}×)`);
    lines.push(
      ref.mismatches.length
        ? `ROW COUNTS DIFFER from the reference's:\n  ${ref.mismatches.join('\n  ')}`
        : `row counts: equal to the reference's on every published table (${COMPARED_TABLES.join(', ')})`,
    );
  }
  return lines.join('\n');
}
