import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The secret of the external level's pseudonyms (HMAC-SHA-256). It comes from the operator, never
 * from the repository: the environment variable, or a file. HMAC's inner and outer key blocks are
 * computed here once and inlined into the SQL as hex, so the engine only hashes bytes
 * (sha256(opad ‖ sha256(ipad ‖ id))).
 */
export const PSEUDONYM_KEY_ENV = 'GRIDFLOW_PSEUDONYM_KEY';
export const MIN_KEY_BYTES = 32;

export interface HmacPads {
  ipad: string;
  opad: string;
}

export function hmacPads(key: Buffer): HmacPads {
  const block = Buffer.alloc(64);
  (key.length > 64 ? createHash('sha256').update(key).digest() : key).copy(block);
  const xor = (b: number) => Buffer.from(block.map((x) => x ^ b)).toString('hex');
  return { ipad: xor(0x36), opad: xor(0x5c) };
}

/** The key as bytes: a file's content (one trailing newline dropped) or the variable's text. */
export function readPseudonymKey(file: string | undefined, env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  if (file !== undefined) return Buffer.from(readFileSync(file, 'utf8').replace(/\r?\n$/, ''), 'utf8');
  const v = env[PSEUDONYM_KEY_ENV];
  return v ? Buffer.from(v, 'utf8') : undefined;
}
