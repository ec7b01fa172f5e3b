import { RE2JS } from 're2js';

/**
 * Regular expressions in a mapping (match, extract, `$contains(s, /re/)`) run inside the engine, so
 * they are validated with the engine's own rules, per dialect. A check returns what is wrong with a
 * pattern, or undefined when the engine accepts it, and the number of capture groups it has.
 *
 * - duckdb: DuckDB runs RE2. The check is re2js (a port of RE2 to JavaScript, the same parser rules:
 *   no lookaround, no backreferences, repetition counts up to 1000, nested repetitions whose product
 *   passes 1000 refused, `(?i)` and the other inline flags accepted). DuckDB bundles an RE2 from before
 *   the `(?<name>…)` spelling of named groups, which re2js accepts: that one spelling is refused here.
 * - spark: Spark runs java.util.regex. A Java check (for example a small JVM-side validation of
 *   `Pattern.compile` or a JS port of its syntax) plugs in as `regexChecks.spark`; until then Spark has
 *   no entry and `checkRegex` falls back to the RE2 rules, which are stricter than Java's.
 */
export interface RegexCheck {
  problem?: string;
  groups: number;
}

export type RegexChecker = (pattern: string) => RegexCheck;

export const re2Check: RegexChecker = (pattern) => {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (e) {
    return { problem: (e as Error).message.replace(/^error parsing regexp: /, ''), groups: 0 };
  }
  const angle = Object.keys(re.namedGroups()).find((name) => !pattern.includes(`(?P<${name}>`));
  if (angle !== undefined) return { problem: `the engine's RE2 spells a named group (?P<${angle}>…), not (?<${angle}>…)`, groups: 0 };
  return { groups: re.groupCount() };
};

export const regexChecks: Record<string, RegexChecker> = { duckdb: re2Check };

/** The check for a dialect by name (RE2's rules where a dialect has none of its own yet). */
export function checkRegex(dialect: string, pattern: string): RegexCheck {
  return (regexChecks[dialect] ?? re2Check)(pattern);
}
