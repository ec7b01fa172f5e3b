/** The column types of the common model, which every dialect maps to its own type names. */
export type SqlType = 'string' | 'double' | 'bigint' | 'integer' | 'boolean' | 'timestamp' | 'date';
