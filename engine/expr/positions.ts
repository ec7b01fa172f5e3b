/**
 * Start offsets of jsonata AST nodes. jsonata records `position` just past a node's token
 * (for operators: past the operator), so the start is recovered from the node and the text.
 */
import type { AstNode } from './types.ts';

export function startOf(node: AstNode | undefined, text: string): number | undefined {
  if (!node) return undefined;
  const pos = node.position;
  switch (node.type) {
    case 'path':
      return startOf(node.steps?.[0], text);
    case 'binary':
    case 'bind':
    case 'apply':
      return startOf(node.lhs as AstNode, text) ?? before(pos, 1);
    case 'condition':
      return startOf(node.condition, text) ?? before(pos, 1);
    case 'function':
    case 'partial':
      return startOf(node.procedure, text) ?? pos;
    case 'name': {
      const len = String(node.value).length;
      return pos === undefined ? undefined : text[pos - 1] === '`' ? before(pos, len + 2) : before(pos, len);
    }
    case 'variable':
      return before(pos, String(node.value).length + 1);
    case 'string':
      return pos === undefined ? undefined : openingQuote(text, pos);
    case 'number': {
      if (pos === undefined) return undefined;
      const m = /-?\d[\d.]*(?:[eE][+-]?\d+)?$/.exec(text.slice(0, pos));
      return m ? m.index : pos;
    }
    case 'value':
    case 'wildcard':
    case 'descendant':
      return before(pos, String(node.value).length);
    case 'regex':
      return pos === undefined ? undefined : openingQuote(text, closingSlash(text, pos) + 1);
    case 'lambda': {
      if (pos === undefined) return undefined;
      const head = text.slice(0, pos);
      return Math.max(head.lastIndexOf('function'), head.lastIndexOf('λ'), 0);
    }
    default:
      // unary '-', '[', '{', block '(', transform '|', filter '[', sort '^(': one-char tokens.
      return before(pos, 1);
  }
}

function before(pos: number | undefined, len: number): number | undefined {
  return pos === undefined ? undefined : Math.max(0, pos - len);
}

/** For a string literal ending just before `end`, the offset of its opening quote. */
function openingQuote(text: string, end: number): number {
  const q = text[end - 1];
  for (let i = end - 2; i >= 0; i--) {
    if (text[i] !== q) continue;
    let slashes = 0;
    for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) slashes++;
    if (slashes % 2 === 0) return i;
  }
  return Math.max(0, end - 1);
}

/** A regex literal `/re/flags` ends at `end`: the offset of its closing slash. */
function closingSlash(text: string, end: number): number {
  let i = end - 1;
  while (i > 0 && /[a-z]/i.test(text[i])) i--;
  return i;
}
