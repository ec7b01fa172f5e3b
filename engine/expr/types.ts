/** Public and internal types of the JSONata → SQL expression compiler. */
import type { SqlType } from '../sql/dialect.ts';

export interface ExprScope {
  /** Columns visible to the expression, with their SQL type. */
  columns: ReadonlyMap<string, SqlType>;
  /** SQL text that references a column (the caller decides qualification/quoting). */
  ref(name: string): string;
}

export type ExprErrorCode =
  | 'expr-syntax'
  | 'bad-regex'
  | 'expr-too-deep'
  | 'expr-unsupported'
  | 'expr-unknown-column'
  | 'expr-unknown-function'
  | 'expr-arity';

export interface ExprError {
  code: ExprErrorCode;
  /** Exactly the params the catalog messages use: expr, detail, construct, column, name, expected, got. */
  params: Record<string, string | number>;
  /** 0-based character offset in the expression text where the problem starts, when known. */
  position?: number;
  hint?: string;
}

/** The inferred type of a compiled expression; 'null' is the type of the literal `null`. */
export type ExprType = SqlType | 'null';

export type ExprResult =
  | { ok: true; sql: string; type: ExprType; columns: string[] }
  | { ok: false; errors: ExprError[] };

/** A compiled sub-expression. `literal` is set when the node was a literal (its JSON value). */
export interface Typed {
  sql: string;
  type: ExprType;
  literal?: { value: string | number | boolean | null };
}

/** The parts of a jsonata AST node this compiler looks at (jsonata's own typing is incomplete). */
export interface AstNode {
  type: string;
  value?: unknown;
  position?: number;
  steps?: AstNode[];
  stages?: AstNode[];
  expressions?: AstNode[];
  arguments?: AstNode[];
  procedure?: AstNode;
  expression?: AstNode;
  expr?: AstNode;
  lhs?: AstNode | AstNode[][];
  rhs?: AstNode;
  condition?: AstNode;
  then?: AstNode;
  else?: AstNode;
  body?: AstNode;
  pattern?: AstNode;
  group?: { position?: number };
  keepArray?: boolean;
  focus?: string;
  index?: string;
  tuple?: boolean;
  ancestor?: unknown;
}

export const NUMERIC: ReadonlySet<ExprType> = new Set<ExprType>(['double', 'bigint', 'integer']);
export const INTEGRAL: ReadonlySet<ExprType> = new Set<ExprType>(['bigint', 'integer']);
