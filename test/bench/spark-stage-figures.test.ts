import { describe, expect, it } from 'vitest';
import { StageCounter } from '../../bench/spark-stage-figures.ts';

const task = (stage: number, ms: number) => ({
  Event: 'SparkListenerTaskEnd',
  'Stage ID': stage,
  'Task Metrics': { 'Executor Run Time': ms },
});
const done = (stage: number, tasks: number) => ({
  Event: 'SparkListenerStageCompleted',
  'Stage Info': { 'Stage ID': stage, 'Number of Tasks': tasks },
});

describe('jobs and stages of a Spark event log', () => {
  it('counts jobs, stages and tasks, ranks stages by task time and sums the one-task stages', () => {
    const c = new StageCounter();
    const events = [
      { Event: 'SparkListenerJobStart', 'Job ID': 0 },
      task(0, 1500),
      task(0, 500),
      done(0, 2),
      { Event: 'SparkListenerJobStart', 'Job ID': 1 },
      task(1, 3000),
      done(1, 1),
      task(2, 250),
      done(2, 1),
    ];
    for (const e of events) c.add(e);
    expect(c.figures(2)).toEqual({
      jobs: 2,
      stages: 3,
      tasks: 4,
      oneTaskSeconds: 3.25,
      biggest: [
        { stage: 1, tasks: 1, taskSeconds: 3 },
        { stage: 0, tasks: 2, taskSeconds: 2 },
      ],
    });
  });
});
