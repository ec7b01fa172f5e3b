import { describe, expect, it } from 'vitest';
import { readMapping } from '../../engine/read/read-mapping.ts';
import { compilePlan } from '../../engine/compile/compile-plan.ts';
import { sparkDialect } from '../../engine/sql/spark-dialect.ts';
import { usageBucketBuildStatements } from '../../engine/stages/usage-bucket-sql.ts';
import { runContext } from '../../engine/run/run-dq.ts';
import { ruleSql } from '../../engine/dq/rule-sql.ts';
import { combineRules } from '../../engine/plan/rules.ts';
import { loadRuleSet } from '../../engine/cli/commands/dq.ts';
import { DEFAULT_RULES } from '../../engine/read/read-rules.ts';

/**
 * No compiled Spark statement funnels a table through one task: every window has a PARTITION BY,
 * and no REPARTITION(1) / COALESCE(1) hint or single-partition call appears. (A global ORDER BY, as
 * in the rejects writes, is Spark's range-partitioned parallel sort, so it is allowed.)
 */
const mappings = ['mappings/utility1.yaml', 'mappings/utility2.yaml', 'test/fixtures/mappings/utility3.yaml'];

/** The text of every `OVER (…)` clause, parentheses balanced. */
export function windows(sql: string): string[] {
  const found: string[] = [];
  const re = /\bOVER\s*\(/gi;
  for (let m = re.exec(sql); m; m = re.exec(sql)) {
    let depth = 1;
    let i = re.lastIndex;
    for (; i < sql.length && depth > 0; i++) depth += sql[i] === '(' ? 1 : sql[i] === ')' ? -1 : 0;
    found.push(sql.slice(re.lastIndex, i - 1));
  }
  return found;
}

export function serializing(sql: string): string[] {
  const problems = windows(sql).filter((w) => !/\bPARTITION\s+BY\b/i.test(w)).map((w) => `window without PARTITION BY: OVER (${w})`);
  for (const m of sql.matchAll(/\b(REPARTITION|COALESCE|REBALANCE)\s*\(\s*1\s*\)|\.coalesce\(1\)|\.repartition\(1\)/gi)) problems.push(`single partition: ${m[0]}`);
  return problems;
}

function sparkStatements(mapping: string): string[] {
  const { plan } = readMapping(mapping);
  if (!plan) throw new Error(`${mapping} does not read`);
  const sql: string[] = [];
  for (const bucket of ['hour', 'day', 'month'] as const) {
    const c = compilePlan(plan, sparkDialect, { stageDir: '/stage', bucket, pseudonym: { ipad: '00', opad: '00' } });
    sql.push(...[...c.statements, ...c.stageStatements].flatMap((s) => [s.sql, s.when ?? '']), ...c.writes.map((w) => w.sql));
    sql.push(...usageBucketBuildStatements(sparkDialect, plan.timezone, bucket, 3).map((s) => s.sql));
    const ctx = runContext(sparkDialect, plan, new Date('2025-03-01T00:00:00Z'), bucket);
    for (const rule of combineRules(loadRuleSet(DEFAULT_RULES).rules, [plan])) {
      const r = ruleSql(rule, { ...ctx, previousTotal: 100 });
      if (!('skip' in r)) sql.push(...Object.values(r).filter((v): v is string => typeof v === 'string'));
    }
  }
  return sql;
}

describe('compiled Spark SQL never serializes a table', () => {
  it('finds the constructs it forbids', () => {
    expect(serializing('SELECT row_number() OVER (ORDER BY monotonically_increasing_id()) FROM t')).toHaveLength(1);
    expect(serializing('SELECT /*+ REPARTITION(1) */ * FROM t')).toHaveLength(1);
    expect(serializing('SELECT lead(x) OVER (PARTITION BY k ORDER BY (a + b)) FROM t')).toEqual([]);
  });

  for (const mapping of mappings) {
    it(mapping, () => {
      const statements = sparkStatements(mapping);
      expect(statements.length).toBeGreaterThan(20);
      expect(statements.flatMap(serializing)).toEqual([]);
    });
  }
});
