import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { diag } from '../../diagnostics/catalog.ts';
import { DiagnosticError } from '../../diagnostics/diagnostic.ts';

/** The Python of the project's Spark virtualenv (bin/setup-spark.sh), or `GRIDFLOW_SPARK_PYTHON`. */
export function sparkPython(): string {
  if (process.env.GRIDFLOW_SPARK_PYTHON) return process.env.GRIDFLOW_SPARK_PYTHON;
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  return path.join(root, '.venv-spark', 'bin', 'python');
}

export const SPARK_INSTALL_HINT =
  'Spark is not installed: run bin/setup-spark.sh (creates .venv-spark/ with the pyspark of requirements-spark.txt; ' +
  'needs python3 and Java 17+), or set GRIDFLOW_SPARK_PYTHON to a Python that has pyspark 4.';

/** The runner next to this module (the build copies it into dist/: `tsc` copies no Python file). */
function runnerPath(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'runner.py');
}

interface Answer {
  id: number;
  ok: boolean;
  rows?: Record<string, unknown>[];
  /** Spark type of each column of `rows`, e.g. `timestamp`, `bigint`. */
  types?: Record<string, string>;
  error?: string;
  /** Spark's error class (`UNRESOLVED_COLUMN.WITH_SUGGESTION`) or the JVM exception's class. */
  errorClass?: string;
  sqlState?: string | null;
  /** The whole error text (with a JVM stack, if any), shown with GRIDFLOW_DEBUG. */
  detail?: string;
  version?: string;
}

/**
 * A failure inside Spark as the catalog's `run-failed` diagnostic: Spark's error class, its message's
 * first line and SQLSTATE — never a JVM stack (GRIDFLOW_DEBUG=1 adds it) — with a hint by kind.
 */
export function sparkFailure(a: Pick<Answer, 'error' | 'errorClass' | 'sqlState' | 'detail'>): DiagnosticError {
  const cls = a.errorClass ?? 'error';
  const message = (a.error ?? '').replace(/^\[[A-Z0-9_.]+\]\s*/, '').replace(/\s*SQLSTATE: \w+.*$/, '');
  const state = a.sqlState ? ` (SQLSTATE ${a.sqlState})` : '';
  const debug = process.env.GRIDFLOW_DEBUG && a.detail ? `\n${a.detail}` : '';
  const detail = `Spark [${cls}] ${message}${state}${debug}`;
  return new DiagnosticError([diag('run-failed', { detail }, { hint: sparkHint(cls, a.sqlState ?? undefined) })]);
}

function sparkHint(cls: string, sqlState: string | undefined): string {
  if (/OutOfMemory|SPARK_OUT_OF_MEMORY|MEMORY/i.test(cls)) {
    const setting = 'GRIDFLOW_SPARK_CONF="spark.driver.memory=4g" (executors: spark.executor.memory)';
    return `Spark ran out of memory: give it more with ${setting}`;
  }
  if (sqlState?.startsWith('42')) {
    return `the compiled SQL does not analyze on this Spark (gridflow is tested with ${TESTED_PYSPARK}): ` +
      'see it with `gridflow compile --dialect spark`, and report it with that output';
  }
  return 'GRIDFLOW_SPARK_LOG=1 shows Spark\'s own log, GRIDFLOW_DEBUG=1 the whole error';
}

const TESTED_PYSPARK = 'pyspark 4.1.1 (requirements-spark.txt)';

/** One runner process (one SparkSession): requests go one at a time, answers come back in order. */
export class SparkProcess {
  private readonly child: ChildProcess;
  private readonly waiting = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private stderrTail: string[] = [];
  private exited: Error | undefined;
  readonly version: Promise<string>;

  constructor(master: string, conf: Record<string, string>) {
    const python = sparkPython();
    if (!existsSync(python) && !process.env.GRIDFLOW_SPARK_PYTHON) throw new Error(SPARK_INSTALL_HINT);
    // TZ=UTC: PySpark turns instants into Python datetimes in the process's zone.
    const env = { ...process.env, PYTHONUNBUFFERED: '1', TZ: 'UTC' };
    this.child = spawn(python, [runnerPath()], { stdio: ['pipe', 'pipe', 'pipe'], env });
    createInterface({ input: this.child.stdout! }).on('line', (line) => this.answer(line));
    createInterface({ input: this.child.stderr! }).on('line', (line) => {
      if (process.env.GRIDFLOW_SPARK_LOG) process.stderr.write(line + '\n');
      this.stderrTail = [...this.stderrTail.slice(-19), line];
    });
    this.child.on('error', (e) => this.fail(new Error(`${SPARK_INSTALL_HINT} (${e.message})`)));
    this.child.on('exit', (code) =>
      this.fail(new Error(`the Spark runner exited (code ${code}):\n${this.stderrTail.join('\n')}`)),
    );
    this.version = this.send({ op: 'start', master, conf }, 0).then((a) => a.version ?? '?');
  }

  async request(req: Record<string, unknown>): Promise<Answer> {
    const a = await this.send(req, this.nextId++);
    if (!a.ok) throw sparkFailure(a);
    return a;
  }

  close(): void {
    this.child.stdin!.end();
  }

  private send(req: Record<string, unknown>, id: number): Promise<Answer> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.stdin!.write(JSON.stringify({ ...req, id }) + '\n');
    });
  }

  private answer(line: string): void {
    let a: Answer;
    try {
      a = JSON.parse(line) as Answer;
    } catch {
      return; // not an answer (a library printed to stdout)
    }
    const w = this.waiting.get(a.id);
    this.waiting.delete(a.id);
    w?.resolve(a);
  }

  private fail(e: Error): void {
    this.exited = e;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }
}
