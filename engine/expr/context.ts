/** State shared while one expression is translated: scope, dialect, collected errors and columns. */
import type { Dialect } from '../sql/dialect.ts';
import { startOf } from './positions.ts';
import type { AstNode, ExprError, ExprScope, Typed } from './types.ts';

export class Ctx {
  readonly errors: ExprError[] = [];
  readonly columns: string[] = [];
  /** Translates a sub-node; set by the translator (breaks the module cycle with functions.ts). */
  compile!: (node: AstNode) => Typed;

  constructor(
    readonly text: string,
    readonly scope: ExprScope,
    readonly dialect: Dialect,
  ) {}

  error(code: ExprError['code'], node: AstNode | undefined, params: Record<string, string | number>, hint?: string): Typed {
    const err: ExprError = { code, params: { ...params, expr: this.text } };
    const position = startOf(node, this.text);
    if (position !== undefined) err.position = position;
    if (hint !== undefined) err.hint = hint;
    this.errors.push(err);
    return FAILED;
  }

  unsupported(node: AstNode | undefined, construct: string): Typed {
    return this.error('expr-unsupported', node, { construct });
  }

  useColumn(name: string): void {
    if (!this.columns.includes(name)) this.columns.push(name);
  }
}

/** Placeholder result after an error; translation continues to collect further errors. */
export const FAILED: Typed = { sql: 'NULL', type: 'null' };

/** One call being translated; `arg(i)` translates argument i (once). */
export interface Call {
  ctx: Ctx;
  node: AstNode;
  args: AstNode[];
  arg(i: number): Typed;
}

export interface FunctionSpec {
  min: number;
  max: number;
  compile(c: Call): Typed;
}
