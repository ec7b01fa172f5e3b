/**
 * Jobs and stages of a Spark application, from the events of its event log: how many, the biggest
 * stages by task time with their task counts, and the task time of stages that ran one task (one
 * core busy while the other waits). Fed one parsed event at a time by spark-event-log.ts.
 */
export interface StageFigures {
  jobs: number;
  stages: number;
  tasks: number;
  /** Task seconds of the stages that ran a single task. */
  oneTaskSeconds: number;
  /** The stages with the most task time, most first. */
  biggest: { stage: number; tasks: number; taskSeconds: number }[];
}

export class StageCounter {
  private jobs = 0;
  private readonly stages = new Map<number, { tasks: number; seconds: number }>();

  add(e: Record<string, any>): void {
    if (e.Event === 'SparkListenerJobStart') this.jobs += 1;
    else if (e.Event === 'SparkListenerStageCompleted') {
      const info = e['Stage Info'] ?? {};
      this.stage(info['Stage ID']).tasks = Number(info['Number of Tasks'] ?? 0);
    } else if (e.Event === 'SparkListenerTaskEnd') {
      this.stage(e['Stage ID']).seconds += (e['Task Metrics']?.['Executor Run Time'] ?? 0) / 1000;
    }
  }

  figures(top = 5): StageFigures {
    const all = [...this.stages].map(([stage, s]) => ({ stage, tasks: s.tasks, taskSeconds: s.seconds }));
    const ran = all.filter((s) => s.tasks > 0);
    return {
      jobs: this.jobs,
      stages: ran.length,
      tasks: ran.reduce((a, s) => a + s.tasks, 0),
      oneTaskSeconds: ran.filter((s) => s.tasks === 1).reduce((a, s) => a + s.taskSeconds, 0),
      biggest: ran.sort((a, b) => b.taskSeconds - a.taskSeconds).slice(0, top),
    };
  }

  private stage(id: number): { tasks: number; seconds: number } {
    let s = this.stages.get(id);
    if (!s) this.stages.set(id, (s = { tasks: 0, seconds: 0 }));
    return s;
  }
}
