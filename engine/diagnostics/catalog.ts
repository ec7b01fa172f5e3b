import type { Diagnostic, Severity, SourceLocation } from './diagnostic.ts';

/**
 * The one catalog of user-facing messages. Each code has a fixed severity and a message built
 * from typed parameters; hints (did-you-mean) are passed in by the caller when it has one.
 */
type P = Record<string, string | number | undefined>;
interface Entry {
  severity: Severity;
  message: (p: P) => string;
}

const e = (message: (p: P) => string): Entry => ({ severity: 'error', message });
const w = (message: (p: P) => string): Entry => ({ severity: 'warning', message });

export const catalog = {
  // YAML and JSON Schema
  'yaml-syntax': e((p) => `invalid YAML: ${p.detail}`),
  'yaml-empty': e(() => `the file is empty: expected a mapping document`),
  'schema-unknown-key': e((p) => `unknown key '${p.key}' in ${p.where}`),
  'schema-missing-key': e((p) => `missing required key '${p.key}' in ${p.where}`),
  'schema-type': e((p) => `'${p.where}' must be ${p.expected}`),
  'schema-enum': e((p) => `'${p.value}' is not allowed for '${p.where}': expected one of ${p.allowed}`),
  'schema-invalid': e((p) => `'${p.where}' ${p.detail}`),
  // files
  'file-not-found': e((p) => `file not found: ${p.file}`),
  'source-not-found': e((p) => `source '${p.pattern}' matches no file`),
  'source-empty': e((p) => `source file ${p.file} is empty (no header row)`),
  'source-no-rows': w((p) => `source file ${p.file} has a header but no data rows`),
  'source-header-mismatch': e(
    (p) => `the files of source '${p.pattern}' do not share one header: ${p.file} differs (${p.detail})`,
  ),
  'source-header-duplicate': e((p) => `column '${p.column}' appears twice in the header of ${p.file}`),
  'source-single-column': w(
    (p) =>
      `the header of ${p.file} has a single column '${p.column}' although it contains '${p.found}': is the delimiter right?`,
  ),
  'source-unreadable': e((p) => `cannot read ${p.file}: ${p.detail}`),
  // mapping semantics
  'unknown-source-column': e((p) => `unknown column '${p.column}' in ${p.file}`),
  'unknown-target-column': e((p) => `'${p.column}' is not a column of the common-model table '${p.table}'`),
  'unmapped-required-column': e(
    (p) => `required column '${p.column}' of '${p.table}' is not mapped`,
  ),
  'table-not-mapped': e((p) => `'${p.table}' is not mapped in this file, so it cannot be joined`),
  'join-cycle': e((p) => `tables depend on each other in a cycle: ${p.cycle}`),
  'join-unknown-column': e((p) => `'${p.column}' is not a column of '${p.table}'`),
  'dedupe-unknown-column': e((p) => `dedupe refers to '${p.column}', which is not a column of '${p.table}'`),
  'bad-timestamp-format': e((p) => `bad timestamp format '${p.format}': ${p.detail}`),
  'unknown-timezone': e((p) => `unknown time zone '${p.zone}'`),
  'bad-regex': e((p) => `invalid regular expression '${p.pattern}': ${p.detail}`),
  'spec-conflict': e((p) => `${p.detail}`),
  'type-mismatch': e((p) => `${p.detail}`),
  // expressions (JSONata)
  'expr-syntax': e((p) => `JSONata syntax error in '${p.expr}': ${p.detail}`),
  'expr-unsupported': e((p) => `JSONata construct ${p.construct} is not supported in '${p.expr}' (it cannot be compiled to SQL)`),
  'expr-unknown-column': e((p) => `unknown column '${p.column}' in expression '${p.expr}'`),
  'expr-unknown-function': e((p) => `unknown or unsupported function '$${p.name}' in '${p.expr}'`),
  'expr-arity': e((p) => `function '$${p.name}' takes ${p.expected} argument(s), got ${p.got} in '${p.expr}'`),
  // data-quality rules
  'rule-missing-option': e((p) => `rule '${p.rule}' of type ${p.type} needs '${p.option}'`),
  'rule-unknown-column': e((p) => `rule '${p.rule}': '${p.column}' is not a column of '${p.table}'`),
  'rule-duplicate-name': e((p) => `two rules are named '${p.rule}'`),
  'rule-invalid': e((p) => `rule '${p.rule}': ${p.detail}`),
  'dq-failed': e((p) => `data-quality rule(s) with action fail ended in error: ${p.rules}; nothing was published`),
  // diagnostics that hide the real problem (issue 9, items 11–14)
  'source-wrong-delimiter': e(
    (p) => `the header of ${p.file} reads as one column, so the ${p.count} mapped column(s) read from it are missing: is the delimiter right?`,
  ),
  'yaml-alias-limit': e(
    (p) => `invalid YAML: too many alias expansions (more than ${p.limit}; an alias bomb?): ${p.detail}`,
  ),
  'yaml-not-a-document': e((p) => `${p.file} is not a ${p.kind}: its YAML content is ${p.found}, not key: value pairs`),
  'file-is-directory': e((p) => `${p.file} is a folder, not a file`),
  'rule-other-utility': w(
    (p) => `rule '${p.rule}' names utilities ${p.utilities}, not this mapping's ${p.utility}: it is skipped for every run of this mapping`,
  ),
  'expr-too-deep': e((p) => `expression nests ${p.depth} levels deep, and the limit is ${p.limit}: '${p.expr}'`),
  'nul-in-mapping': e((p) => `a NUL byte (\\0) is not allowed in a mapping or rules file: ${p.value}`),
  'nul-in-header': e((p) => `a NUL byte (\\0) in header column ${p.index} of ${p.file}: ${p.value}`),
  // runtime
  'dedupe-conflict': e(
    (p) => `${p.count} duplicate key(s) in '${p.table}' on (${p.key}) and dedupe says keep: fail; first: ${p.sample}`,
  ),
  // duplicates and conflicts (issue 12)
  'dedupe-order-needed': e((p) => `dedupe keep: ${p.keep} in '${p.table}' takes the row with the ${p.keep} of one order_by column, and it has ${p.count}`),
  'interval-key-direction': w(
    (p) => `the intervals dedupe key (${p.key}) omits ${p.missing}, which the mapping maps: reads of another ${p.missing} at the same meter and time collide and one is dropped`,
  ),
  'pseudonym-key-missing': e(
    () => `no pseudonym key: the external level publishes identifiers only as keyed pseudonyms, and this run has no secret, so it writes nothing`,
  ),
  'pseudonym-key-short': e((p) => `the pseudonym key has ${p.bytes} bytes; at least ${p.min} are needed`),
  'dedupe-arbitrary': w(
    (p) => `${p.keys} key(s) of ${p.utility} ${p.table} have rows that disagree and ${p.why}: the row kept is an arbitrary choice (add order_by, or keep: quarantine / max / min / fail)`,
  ),
  'run-failed': e((p) => `run failed: ${p.detail}`),
  'query-failed': e((p) => `query failed: ${p.detail}`),
  'usage': e((p) => `${p.detail}`),
  // run report (issue 13)
  'report-failed': w((p) => `the run was published, but its HTML report could not be written: ${p.detail}`),
  // query lock-down (issue 9, privacy)
  'query-refused': e((p) => `query refused: ${p.detail}`),
  // output folder: marker, lock, versioned sets (issue 9, publish)
  'out-dangerous': e((p) => `refusing to write into '${p.dir}': it is ${p.why}`),
  'out-foreign': e(
    (p) => `'${p.dir}' is not empty and is not a gridflow output folder (no .gridflow marker); nothing was written`,
  ),
  'out-not-folder': e((p) => `the output path '${p.dir}' is not a folder`),
  'out-not-writable': e((p) => `the output folder '${p.dir}' is not writable (${p.detail})`),
  'out-newer-format': e(
    (p) => `'${p.dir}' was written by a newer gridflow (output format ${p.format}); this one writes format ${p.ours}`,
  ),
  'out-legacy-layout': w(
    (p) =>
      `'${p.dir}' has the flat layout of an earlier gridflow: the new set is published beside it, ` +
      `and the old folders (${p.folders}) are left untouched and no longer updated`,
  ),
  'out-no-set': e((p) => `no published output set in '${p.dir}'${p.detail}`),
  'out-locked': e((p) => `another gridflow run is writing to '${p.dir}' (${p.holder})${p.waited}`),
  'out-lock-stale': w((p) => `removed the stale lock of a run that is gone (${p.holder})`),
  'out-recovered': w((p) => `removed ${p.what} left by an interrupted run`),
  'publish-cleanup-failed': w((p) => `published run ${p.run}, but ${p.step} failed: ${p.detail}`),
  'history-not-written': w(
    (p) => `the data-quality history could not be written to ${p.file} (${p.detail}); the results were not recorded`,
  ),
  // ingest: what the CSV reader loses or misreads, found by the run's own count of each file's lines
  'source-line-endings': e(
    (p) => `${p.file} mixes line endings: line ${p.line} ends with ${p.ending}, line ${p.firstLine} with ${p.first}`,
  ),
  'source-lines-lost': e(
    (p) =>
      `${p.table}: ${p.file} line ${p.line}: ${p.detail}; read ${p.read}, rejected ${p.rejected}, ` +
      `nothing was published`,
  ),
  'source-lines-uncovered': e(
    (p) =>
      `${p.table}: the CSV reader returned ${p.read} record(s) for the ${p.records} data line(s) of ${p.file}; ` +
      `nothing was published`,
  ),
  // gridflow init
  'init-no-tables': e((p) => `none of the ${p.files} file(s) looks like service points, meters or intervals`),
  'init-out-exists': e((p) => `${p.file} exists: init does not overwrite a mapping`),
  // rough edges (issue 13 part 4): encoding sniffed at validation, filters on source columns
  'source-not-utf8': e(
    (p) =>
      `${p.file} is read as UTF-8 (csv.encoding) but is not: line ${p.line}, column ${p.column} has the byte ` +
      `0x${p.byte}, which is not valid UTF-8 there; its rows would be rejected at run time`,
  ),
  // gridflow compile --emit (issue 10: Databricks job bundle)
  'emit-dialect': e((p) => `--emit writes a Databricks job, which needs --dialect databricks (not ${p.dialect})`),
  'emit-dir-not-empty': e((p) => `${p.dir} is not empty and holds no earlier gridflow emit: nothing was written`),
  'emit-dir-not-folder': e((p) => `${p.dir} exists and is not a folder`),
  // usage_by_area privacy screen (issue 12, item 7)
  'screen-unknown-rule': e(
    (p) => `customer class '${p.class}' is assigned the screen rule '${p.rule}', which is not defined`,
  ),
} satisfies Record<string, Entry>;

export type Code = keyof typeof catalog;

export function diag(
  code: Code,
  params: P,
  where: { at?: SourceLocation; path?: string; hint?: string } = {},
): Diagnostic {
  const entry: Entry = catalog[code];
  const d: Diagnostic = { code, severity: entry.severity, message: entry.message(params) };
  if (where.at) d.at = where.at;
  if (where.path) d.path = where.path;
  if (where.hint) d.hint = where.hint;
  return d;
}
