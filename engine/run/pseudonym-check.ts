import { diag } from '../diagnostics/catalog.ts';
import { DiagnosticError } from '../diagnostics/diagnostic.ts';
import { MIN_KEY_BYTES, PSEUDONYM_KEY_ENV } from '../util/pseudonym-key.ts';

/** A run refuses to start without a usable pseudonym key, rather than publish raw identifiers. */
export function requirePseudonymKey(key: Buffer | undefined): Buffer {
  const hint = `set ${PSEUDONYM_KEY_ENV} (e.g. export ${PSEUDONYM_KEY_ENV}="$(openssl rand -hex 32)") or pass --pseudonym-key-file FILE; keep it outside the repository, and keep it: a new key gives new pseudonyms`;
  if (!key || key.length === 0) throw new DiagnosticError([diag('pseudonym-key-missing', {}, { hint })], 2);
  if (key.length < MIN_KEY_BYTES) throw new DiagnosticError([diag('pseudonym-key-short', { bytes: key.length, min: MIN_KEY_BYTES }, { hint })], 2);
  return key;
}
