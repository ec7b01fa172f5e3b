/** Human names for JSONata constructs that have no SQL translation (the `construct` param). */
import type { AstNode } from './types.ts';

export function describeConstruct(node: AstNode): string {
  switch (node.type) {
    case 'variable':
      if (node.value === '') return "context variable '$'";
      if (node.value === '$') return "root variable '$$'";
      return `variable reference '$${String(node.value)}'`;
    case 'bind':
      return "variable binding ':='";
    case 'lambda':
      return 'function definition';
    case 'partial':
      return 'partial function application';
    case 'transform':
      return 'transform |...|...|';
    case 'apply':
      return "function chaining '~>'";
    case 'regex':
      return 'regular expression /.../ (only allowed as the pattern of $contains)';
    case 'wildcard':
      return 'wildcard *';
    case 'descendant':
      return 'descendant wildcard **';
    case 'parent':
      return 'parent operator %';
    case 'sort':
      return 'sorting ^(...)';
    case 'filter':
      return 'predicate [...]';
    case 'group':
      return 'grouping {...}';
    case 'unary':
      if (node.value === '[') return 'array constructor [...] (only allowed after in and in $join)';
      if (node.value === '{') return 'object constructor {...}';
      return `unary operator '${String(node.value)}'`;
    case 'binary':
      if (node.value === '..') return "range operator '..'";
      return `operator '${String(node.value)}'`;
    case 'path':
      return describePath(node);
    default:
      return `'${node.type}' expression`;
  }
}

/** `path a.b` when every step is a plain name; otherwise the first step that is not. */
function describePath(node: AstNode): string {
  const steps = node.steps ?? [];
  const odd = steps.find((s) => s.type !== 'name');
  if (odd) return describeConstruct(odd);
  const names = steps.map((s) => {
    const n = String(s.value);
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(n) ? n : `\`${n}\``;
  });
  return `path ${names.join('.')}`;
}

const BUILTIN_KINDS: Record<string, string[]> = {
  'higher-order function': ['map', 'filter', 'single', 'reduce', 'sift', 'each', 'sort', 'zip'],
  'array aggregate function': ['sum', 'count', 'max', 'min', 'average'],
  'array/object function': ['append', 'reverse', 'shuffle', 'distinct', 'spread', 'merge', 'keys', 'lookup', 'split'],
  'date/time function': ['now', 'millis', 'toMillis', 'fromMillis'],
  'function': [
    'pad', 'match', 'formatNumber', 'formatBase', 'formatInteger', 'parseInteger', 'random', 'error', 'assert',
    'type', 'base64encode', 'base64decode', 'encodeUrlComponent', 'encodeUrl', 'decodeUrlComponent', 'decodeUrl',
    'eval', 'clone',
  ],
};

/** `function $map (higher-order function)` for JSONata built-ins without a SQL translation. */
export function describeBuiltin(name: string): string | undefined {
  for (const [kind, names] of Object.entries(BUILTIN_KINDS)) {
    if (names.includes(name)) return kind === 'function' ? `function $${name}` : `function $${name} (${kind})`;
  }
  return undefined;
}
