import { strictRegex } from '../time/strftime.ts';

/** Guesses about a column's values (a sample), for `gridflow init`. */

const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Candidate {
  format: string;
  /** Captures the fields named by `fields` (Y year, m month, d day, H hour, M minute). */
  re: RegExp;
  fields: string;
  dateOnly: boolean;
}

const c = (format: string, re: RegExp, fields: string): Candidate => ({
  format,
  re,
  fields,
  dateOnly: !/[HIM]/.test(fields),
});
/** strftime patterns tried, most common first (the engine's strict matcher checks each pick too). */
const CANDIDATES: Candidate[] = [
  c('%Y%m%d', /^(\d{4})(\d{2})(\d{2})$/, 'Ymd'),
  c('%Y%m%d%H%M', /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/, 'YmdHM'),
  c('%Y/%m/%d', /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, 'Ymd'),
  c('%Y/%m/%d %H:%M', /^(\d{4})\/(\d{1,2})\/(\d{1,2}) (\d{1,2}):(\d{2})$/, 'YmdHM'),
  c('%m/%d/%Y', /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, 'mdY'),
  c('%d/%m/%Y', /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, 'dmY'),
  c('%m/%d/%Y %H:%M', /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})$/, 'mdYHM'),
  c('%d/%m/%Y %H:%M', /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})$/, 'dmYHM'),
  c('%m/%d/%Y %I:%M %p', /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}) [AaPp][Mm]$/, 'mdYIM'),
  c('%d.%m.%Y', /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, 'dmY'),
  c('%d.%m.%Y %H:%M', /^(\d{1,2})\.(\d{1,2})\.(\d{4}) (\d{1,2}):(\d{2})$/, 'dmYHM'),
  c('%d-%m-%Y', /^(\d{1,2})-(\d{1,2})-(\d{4})$/, 'dmY'),
];

const LIMITS: Record<string, [number, number]> = {
  Y: [1900, 2100],
  m: [1, 12],
  d: [1, 31],
  H: [0, 24],
  I: [1, 12],
  M: [0, 59],
};

function plausible(cand: Candidate, v: string): boolean {
  const m = cand.re.exec(v);
  if (!m) return false;
  return [...cand.fields].every((f, i) => {
    const n = Number(m[i + 1]);
    return n >= LIMITS[f][0] && n <= LIMITS[f][1];
  });
}

export interface TimestampGuess {
  format: string;
  /** Only dates (no time of day). */
  dateOnly: boolean;
  /** Another format fits the sample too (e.g. day/month against month/day). */
  ambiguous: boolean;
}

/** The format that every value of the sample matches, if any. */
export function guessTimestamp(values: string[], name: string): TimestampGuess | undefined {
  if (!values.length) return undefined;
  if (values.every((v) => ISO.test(v)))
    return { format: 'iso8601', dateOnly: values.every((v) => ISO_DATE.test(v)), ambiguous: false };
  const timeName = /time|date|epoch|_at$|_ts$|^ts$|fitted|opened|install|created|updated/i.test(name);
  if (timeName && values.every((v) => /^1\d{12}$/.test(v)))
    return { format: 'epoch_millis', dateOnly: false, ambiguous: false };
  if (timeName && values.every((v) => /^1\d{9}(\.\d+)?$/.test(v)))
    return { format: 'epoch_seconds', dateOnly: false, ambiguous: false };
  const fits = CANDIDATES.filter((k) =>
    values.every((v) => plausible(k, v) && new RegExp(strictRegex(k.format)).test(v)),
  );
  if (!fits.length) return undefined;
  return { format: fits[0].format, dateOnly: fits[0].dateOnly, ambiguous: fits.length > 1 };
}

export const isNumber = (v: string) => /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v);
export const isInteger = (v: string) => /^[-+]?\d+$/.test(v);
export const isZipPlus4 = (v: string) => /^\d{5}-\d{4}$/.test(v);

/** The distinct values of a sample, in order of first appearance. */
export function distinct(values: string[]): string[] {
  return [...new Set(values)];
}

/** A column of codes: few distinct values repeated over many rows. */
export function looksLikeCodes(values: string[]): boolean {
  const d = distinct(values).length;
  return values.length >= 4 && d <= 12 && d <= values.length / 2;
}
