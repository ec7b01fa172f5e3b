/**
 * The pseudonym key inside a Databricks job: read from a secret scope (`secret(:pseudonym_scope,
 * :pseudonym_key)`) into session variables at the start of each SQL file that hashes, never
 * written into a file. The HMAC key blocks are derived in SQL as util/pseudonym-key.ts derives them:
 * the key's bytes (hashed first when longer than 64), zero-padded to 64, XOR 0x36 and 0x5c.
 */
export const KEY_VARIABLES = { ipad: 'gf_key_ipad', opad: 'gf_key_opad' } as const;

const KEY_BYTES = `encode(secret(:pseudonym_scope, :pseudonym_key), 'UTF-8')`;

/** The 64-byte key block as 128 hex digits. */
const long = `octet_length(${KEY_BYTES}) > 64`;
const hashedWhenLong = `CASE WHEN ${long} THEN sha2(${KEY_BYTES}, 256) ELSE hex(${KEY_BYTES}) END`;
const block = `rpad(${hashedWhenLong}, 128, '0')`;

/** The block XOR `byte`, as hex: one byte at a time (Spark SQL has no XOR on binary values). */
function xorBlock(byte: number): string {
  const at = `CAST(conv(substr(gf_key_block, 2 * i + 1, 2), 16, 10) AS INT)`;
  return `array_join(transform(sequence(0, 63), i -> lpad(hex(${at} ^ ${byte}), 2, '0')), '')`;
}

/** Statements declaring and setting the key blocks (session variables, gone when the task ends). */
export function keyStatements(): string[] {
  return [
    'DECLARE OR REPLACE VARIABLE gf_key_block STRING',
    `SET VAR gf_key_block = ${block}`,
    `DECLARE OR REPLACE VARIABLE ${KEY_VARIABLES.ipad} STRING`,
    `DECLARE OR REPLACE VARIABLE ${KEY_VARIABLES.opad} STRING`,
    `SET VAR ${KEY_VARIABLES.ipad} = ${xorBlock(0x36)}`,
    `SET VAR ${KEY_VARIABLES.opad} = ${xorBlock(0x5c)}`,
    `SET VAR gf_key_block = NULL`,
  ];
}
