import { afterEach, describe, expect, it } from 'vitest';
import { SPARK_SEMANTIC_CONF, sessionConf } from '../../engine/engines/spark-engine.ts';

describe('Spark session settings', () => {
  const saved = process.env.GRIDFLOW_SPARK_CONF;
  afterEach(() => {
    if (saved === undefined) delete process.env.GRIDFLOW_SPARK_CONF;
    else process.env.GRIDFLOW_SPARK_CONF = saved;
  });

  // The dialect's time functions and JSON text assume instants are shown in UTC: a user's session
  // time zone would shift every local time (to_utc_timestamp/from_utc_timestamp read it).
  it('the session time zone and the other semantic settings cannot be overridden', () => {
    process.env.GRIDFLOW_SPARK_CONF = 'spark.sql.session.timeZone=America/New_York,spark.executor.memory=8g';
    const sparkConf = { 'spark.sql.ansi.enabled': 'false', 'spark.sql.shuffle.partitions': '3' };
    const conf = sessionConf({ master: 'local[2]', sparkConf });
    expect(conf).toMatchObject(SPARK_SEMANTIC_CONF);
    expect(conf['spark.sql.session.timeZone']).toBe('UTC');
    expect(conf['spark.executor.memory']).toBe('8g');
    expect(conf['spark.sql.shuffle.partitions']).toBe('3');
  });
});
