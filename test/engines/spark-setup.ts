import { existsSync } from 'node:fs';
import { afterAll } from 'vitest';
import { closeSharedSparkSessions } from '../../engine/engines/spark-engine.ts';
import { SPARK_INSTALL_HINT, sparkPython } from '../../engine/engines/spark/spark-process.ts';
import type { EngineOptions } from '../../engine/engines/engine.ts';

/**
 * Spark for the engine suites: `GRIDFLOW_SKIP_SPARK=1` (and only it) skips them, saying so;
 * without it, a missing Spark fails the suite with how to install it. CI never sets the variable.
 */
export const skipSpark = process.env.GRIDFLOW_SKIP_SPARK === '1';
if (skipSpark) console.warn('Spark suites SKIPPED: GRIDFLOW_SKIP_SPARK=1 is set');

/**
 * One Spark session for the whole suite (start-up takes seconds): local mode on two cores. The
 * fixtures are tiny, so a shuffle has two partitions and the web UI is off (Spark's cost here is
 * per statement and per task, not per row); neither changes what a statement computes.
 */
export const sparkOptions: EngineOptions = {
  master: 'local[2]',
  reuseSession: true,
  sparkConf: { 'spark.sql.shuffle.partitions': '2', 'spark.ui.enabled': 'false' },
};

export function requireSpark(): void {
  if (!process.env.GRIDFLOW_SPARK_PYTHON && !existsSync(sparkPython())) throw new Error(SPARK_INSTALL_HINT);
}

afterAll(() => closeSharedSparkSessions());
