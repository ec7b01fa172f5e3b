import { createHmac } from 'node:crypto';

/** The external pseudonym of an identifier: HMAC-SHA-256 with the key, as lowercase hex (what the SQL computes). */
export function pseudonymOf(key: Buffer, id: string): string {
  return createHmac('sha256', key).update(id, 'utf8').digest('hex');
}
