import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { StageCounter, type StageFigures } from './spark-stage-figures.ts';

/**
 * Where Spark's time goes, from its event log (`spark.eventLog.enabled`): each SQL execution's wall
 * time and the task time spent in it (executor run time, of which JVM GC, plus shuffle bytes), and
 * the heaviest operators of its physical plan. Read once after a run; nothing here is per row.
 */
export interface SqlExecution {
  id: number;
  startMs: number;
  wallSeconds: number;
  taskSeconds: number;
  gcSeconds: number;
  shuffleWriteMB: number;
  tasks: number;
  /** The physical plan's operators, most frequent first (e.g. `Exchange×3, SortMergeJoin×2`). */
  operators: string;
}

export interface EventLogSummary {
  file: string;
  executions: SqlExecution[];
  taskSeconds: number;
  gcSeconds: number;
  shuffleWriteMB: number;
  /** Jobs, stages and tasks; the biggest stages and the task time of one-task stages. */
  stages: StageFigures;
}

const SQL_START = 'org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart';
const SQL_END = 'org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd';
const MB = 1024 * 1024;

/** The newest event log file under `dir` (one per Spark application). */
export function newestEventLog(dir: string): string | undefined {
  const files = readdirSync(dir).map((f) => path.join(dir, f));
  return files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

export function summarizeEventLog(file: string): EventLogSummary {
  const executions = new Map<number, SqlExecution>();
  const jobToExecution = new Map<number, number>();
  const stageToExecution = new Map<number, number>();
  const counter = new StageCounter();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const e = JSON.parse(line) as Record<string, any>;
    counter.add(e);
    switch (e.Event) {
      case SQL_START:
        executions.set(e.executionId, {
          id: e.executionId,
          startMs: e.time,
          wallSeconds: 0,
          ...{ taskSeconds: 0, gcSeconds: 0, shuffleWriteMB: 0, tasks: 0 },
          operators: operatorsOf(String(e.physicalPlanDescription ?? '')),
        });
        break;
      case SQL_END: {
        const x = executions.get(e.executionId);
        if (x) x.wallSeconds = (e.time - x.startMs) / 1000;
        break;
      }
      case 'SparkListenerJobStart': {
        const id = Number(e.Properties?.['spark.sql.execution.id']);
        if (Number.isNaN(id)) break;
        jobToExecution.set(e['Job ID'], id);
        for (const s of e['Stage IDs'] ?? []) stageToExecution.set(s, id);
        break;
      }
      case 'SparkListenerTaskEnd': {
        const x = executions.get(stageToExecution.get(e['Stage ID']) ?? -1);
        const m = e['Task Metrics'];
        if (!x || !m) break;
        x.tasks += 1;
        x.taskSeconds += (m['Executor Run Time'] ?? 0) / 1000;
        x.gcSeconds += (m['JVM GC Time'] ?? 0) / 1000;
        x.shuffleWriteMB += (m['Shuffle Write Metrics']?.['Shuffle Bytes Written'] ?? 0) / MB;
        break;
      }
    }
  }
  const all = [...executions.values()];
  const sum = (f: (x: SqlExecution) => number) => all.reduce((a, x) => a + f(x), 0);
  return {
    file,
    executions: all,
    taskSeconds: sum((x) => x.taskSeconds),
    gcSeconds: sum((x) => x.gcSeconds),
    shuffleWriteMB: sum((x) => x.shuffleWriteMB),
    stages: counter.figures(),
  };
}

/** Operator names of a physical plan's tree lines (`+- SortMergeJoin …`), counted, most frequent first. */
function operatorsOf(plan: string): string {
  const tree = plan.split('== Physical Plan ==')[1] ?? plan;
  const counts = new Map<string, number>();
  const names = tree.matchAll(/^[\s:+-]*(?:\*\(\d+\) )?([A-Z][A-Za-z]+)/gm);
  for (const [, op] of names) counts.set(op, (counts.get(op) ?? 0) + 1);
  const heavy = /Exchange|Join|Sort|Aggregate|Scan|Window|Expand|Generate/;
  return [...counts]
    .filter(([op]) => heavy.test(op))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([op, n]) => `${op}×${n}`)
    .join(', ');
}
