import { CELL_COLUMNS } from './usage-area-cells-sql.ts';

/**
 * Complementary suppression. Two kinds of published rows are totals over other cells:
 *  - by class: the all-class row (`customer_class = 'all'`) of a ZIP/city, period, unit and
 *    direction is the sum of its class cells;
 *  - by time: a month cell is the sum of the day cells of that month (same area and class).
 * When such a total is published and exactly one of its cells is suppressed, that cell is the
 * total minus the others: then the smallest published cell of the total (by absolute usage, then
 * customers) is suppressed too, or the total itself when no other cell is left.
 * A suppression for one kind of total can leave a single suppressed cell under a total of the other
 * kind, so the two steps alternate for ROUNDS rounds; whatever area (ZIP, city, unit, direction,
 * channel) still has such a total after them is suppressed whole, which settles it for good (every
 * total and its cells lie in one area).
 */
export const ROUNDS = 3;

const AREA = ['utility_id', 'zip', 'city', 'unit', 'direction', 'channel_raw'];
const BY_CLASS = { group: [...AREA, 'period', 'period_start'], total: `customer_class = 'all'` };
const BY_TIME = { group: [...AREA, 'customer_class', 'month_start'], total: `period = 'month'` };
const COLUMNS = [...CELL_COLUMNS, 'suppressed', 'suppression_reason'];

/** Partition of a total and its cells, and whether a row is the total. */
interface Totals {
  group: string[];
  total: string;
}

/** `WITH` entries from `source` to `result`: the rounds, then the area fallback. */
export function complementarySql(source: string, result: string): string {
  const steps: string[] = [];
  let prev = source;
  for (let r = 1; r <= ROUNDS; r++) {
    for (const [kind, totals] of [['time', BY_TIME], ['class', BY_CLASS]] as const) {
      const name = `round${r}_${kind}`;
      steps.push(stepSql(prev, name, totals));
      prev = name;
    }
  }
  steps.push(fallbackSql(prev, result));
  return steps.join(',\n');
}

/** Counts of one total's cells: suppressed, published, and whether the total is published. */
function countsSql(t: Totals): { hidden: string; open: string; totalOpen: string } {
  const over = `OVER (PARTITION BY ${t.group.join(', ')})`;
  return {
    hidden: `sum(CASE WHEN suppressed AND NOT (${t.total}) THEN 1 ELSE 0 END) ${over}`,
    open: `sum(CASE WHEN NOT suppressed AND NOT (${t.total}) THEN 1 ELSE 0 END) ${over}`,
    totalOpen: `max(CASE WHEN NOT suppressed AND ${t.total} THEN 1 ELSE 0 END) ${over}`,
  };
}

function stepSql(prev: string, name: string, t: Totals): string {
  const c = countsSql(t);
  // The published cells first, smallest first; suppressed cells and the total after them.
  const closed = `CASE WHEN suppressed OR ${t.total} THEN 1 ELSE 0 END`;
  const order = [closed, 'abs(total_usage)', 'customer_count', 'customer_class', 'period_start'].join(', ');
  const fix = `__total_open = 1 AND __hidden = 1 AND NOT suppressed
      AND ((__open > 0 AND __rank = 1 AND NOT (${t.total})) OR (__open = 0 AND ${t.total}))`;
  return `${name}_counts AS (
  SELECT *, ${c.hidden} AS __hidden, ${c.open} AS __open, ${c.totalOpen} AS __total_open,
    row_number() OVER (PARTITION BY ${t.group.join(', ')} ORDER BY ${order}) AS __rank
  FROM ${prev}
),
${name} AS (
  SELECT ${settle('__fix')}
  FROM (SELECT *, ${fix} AS __fix FROM ${name}_counts) f
)`;
}

function fallbackSql(prev: string, result: string): string {
  const open = (t: Totals) => {
    const c = countsSql(t);
    return `CASE WHEN ${c.totalOpen} = 1 AND ${c.hidden} = 1 THEN 1 ELSE 0 END`;
  };
  return `${result}_open AS (
  SELECT *, ${open(BY_CLASS)} + ${open(BY_TIME)} AS __recoverable FROM ${prev}
),
${result} AS (
  SELECT ${settle('__area_open')}
  FROM (
    SELECT *, NOT suppressed AND max(__recoverable) OVER (PARTITION BY ${AREA.join(', ')}) > 0 AS __area_open
    FROM ${result}_open
  ) a
)`;
}

/** The columns again, with the rows where `flag` holds suppressed as `complementary`. */
function settle(flag: string): string {
  return COLUMNS.map((c) =>
    c === 'suppressed'
      ? `suppressed OR ${flag} AS suppressed`
      : c === 'suppression_reason'
        ? `CASE WHEN ${flag} THEN 'complementary' ELSE suppression_reason END AS suppression_reason`
        : c,
  ).join(', ');
}
