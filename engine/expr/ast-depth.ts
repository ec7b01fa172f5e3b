import type { AstNode } from './types.ts';

/**
 * Nesting limit of an expression's syntax tree. Each level becomes at least one level of SQL, and the
 * engines refuse deep SQL (DuckDB: max_expression_depth 1000; a `?:` level takes several): 100 levels
 * leave room for that and for any hand-written expression, and the check runs at validation.
 */
export const MAX_EXPR_DEPTH = 100;

/** Depth of the tree (a leaf is 1), without recursion and counting a shared sub-node once (`a ?: b`). */
export function astDepth(root: AstNode): number {
  const depth = new Map<object, number>();
  const stack: { node: object; expanded: boolean }[] = [{ node: root, expanded: false }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (depth.has(top.node)) {
      stack.pop();
      continue;
    }
    const kids = children(top.node);
    if (!top.expanded) {
      top.expanded = true;
      for (const k of kids) if (!depth.has(k)) stack.push({ node: k, expanded: false });
      continue;
    }
    stack.pop();
    depth.set(top.node, 1 + Math.max(0, ...kids.map((k) => depth.get(k) ?? 0)));
  }
  return depth.get(root) ?? 1;
}

/** Sub-nodes of a jsonata AST node: every object-valued field (lhs, rhs, condition, arguments …). */
function children(node: object): object[] {
  const out: object[] = [];
  const add = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(add); // lists of nodes, and the [key, value] pairs of `{ … }`
    else if (v !== null && typeof v === 'object') out.push(v);
  };
  for (const [key, v] of Object.entries(node)) if (key !== 'value') add(v);
  return out;
}
