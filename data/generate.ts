/**
 * Deterministic synthetic data generator for gridflow.
 *
 * Writes six CSV files that look like the exports of two real electric utilities
 * (same headers, formats and kinds of data problems), but every value is made up.
 *
 *   node bin/run-ts.js data/generate.ts                      # committed sample -> data/raw/
 *   node bin/run-ts.js data/generate.ts --rows 10000000      # scaled set -> bench/data/rows-10000000/
 *   node bin/run-ts.js data/generate.ts --out DIR --seed 7   # other place / other data
 *
 * Same arguments -> byte-identical files: all randomness comes from a seeded mulberry32
 * PRNG (one independent stream per file), no clock, no Math.random.
 * Output is streamed in ~1 MB chunks with backpressure, so memory stays bounded
 * (only per-entity arrays of ~rows/100 entries are kept).
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

export const FILES = {
  u1ServicePoints: 'utility1/utility1_service_points.csv',
  u1Meters: 'utility1/utility1_meters.csv',
  u1Intervals: 'utility1/utility1_intervals.csv',
  u2ServicePoints: 'utility2/utility2_service_points.csv',
  u2Meters: 'utility2/utility2_meters.csv',
  u2Intervals: 'utility2/utility2_intervals.csv',
} as const;

export type FileKey = keyof typeof FILES;
export type FilePath = (typeof FILES)[FileKey];

/** Exact header rows (without the BOM) of each file. */
export const HEADERS: Record<FilePath, string> = {
  'utility1/utility1_service_points.csv':
    'SERVICE_POINT_ID,SERVICE_POINT_NUMBER,SERVICE_POINT_STREET,SERVICE_POINT_CITY,SERVICE_POINT_ZIP,SERVICE_POINT_STATE,INSTALLED_AT,REMOVED_AT,CREATED,UPDATED',
  'utility1/utility1_meters.csv': 'meter_id,meter_timestamp,meter_duration,meter_value,meter_type,meter_category',
  'utility1/utility1_intervals.csv':
    'service_delivery_point_id,meter_id,channel,duration,value,quality,timestamp,last_update_time,exported_at',
  'utility2/utility2_service_points.csv':
    'premise_id,created_date,premise_house_num,premise_street,premise_house_supp,premise_city,premise_zip,premise_region',
  'utility2/utility2_meters.csv':
    'premise_id,meter_id,meter_number,meter_type,meter_status,meter_channel,installed_at,removed_at,created,updated',
  'utility2/utility2_intervals.csv': 'channel,duration,meter_id,quality,timestamp,value',
};

export const DEFAULT_SEED = 20250122;

export interface GenerateOptions {
  /** Output directory; files go to OUT/utility1/... and OUT/utility2/... */
  out: string;
  /** Total interval rows (split evenly between the two utilities). Omit for the committed sample. */
  rows?: number;
  seed?: number;
}

export interface FileStats {
  /** Data rows (header excluded). */
  rows: number;
  bytes: number;
}

export interface Utility1Problems {
  servicePoints: number;
  meters: number;
  /** Distinct meter ids seen in the intervals file. */
  intervalMeters: number;
  /** Interval rows whose service_delivery_point_id is not in the service points file. */
  orphanServicePointRows: number;
  orphanServicePointIds: number;
  /** Interval rows whose meter_id is not in the meters file. */
  unknownMeterRows: number;
  unknownMeterIds: number;
  /** Meters whose service point changes mid-window. */
  movedMeters: number;
  /** Extra rows that are byte-identical copies of another row. */
  exactDuplicateRows: number;
  /** Extra rows with the key (meter, timestamp, channel) of another row but a different value. */
  conflictingDuplicateRows: number;
  zeroValueRows: number;
  negativeValueRows: number;
  nvQualityRows: number;
  badEmptyValueRows: number;
  badNonNumericValueRows: number;
  badTimestampRows: number;
  /** Rows of the fifth channel label `KWH 5 Minute Interval Read Interval` (all VAL, known meter and service point). */
  fiveMinuteKwhRows: number;
  /** Extra rows with the meter and start of another row but another (known) service point and value. */
  twoServicePointRows: number;
  /** Meters whose last row in the meters file is not their latest `meter_timestamp`. */
  metersOutOfOrder: number;
  /** Service points whose number starts with their own 5-digit ZIP. */
  zipPrefixedNumbers: number;
}

export interface Utility2Problems {
  distinctPremises: number;
  /** Service point rows beyond the first per premise (same premise, conflicting attributes). */
  repeatedPremiseRows: number;
  distinctMeters: number;
  /** Meter ids with a leading zero (must stay text). */
  leadingZeroMeterIds: number;
  /** Meters whose premise changes between installation rows. */
  metersChangingPremise: number;
  /** Meters whose latest installation is inside the interval window. */
  midWindowInstalls: number;
  removedAtFilledRows: number;
  referencedPremises: number;
  /** Premises referenced by the meters file but absent from the service points file. */
  referencedPremisesAbsent: number;
  /** Distinct (meter_id, timestamp, channel) keys in the intervals file. */
  intervalKeys: number;
  /** Interval rows that repeat the key of an earlier row with another value (rows - keys). */
  repeatedKeyRows: number;
  unknownMeterRows: number;
  unknownMeterIds: number;
  zeroValueRows: number;
  distinctChannels: number;
  distinctQualities: number;
  /** Keys whose rows carry more than one quality code. */
  mixedQualityKeys: number;
  /** The most rows (distinct values) of one key. */
  maxRowsPerKey: number;
  /** Meters whose only installation is inside the interval window. */
  lateInstalledMeters: number;
  /** Interval rows dated before every installation of their meter. */
  readsBeforeInstall: number;
}

export interface Summary {
  out: string;
  mode: 'sample' | 'scaled';
  seed: number;
  /** Per-file row counts (header excluded) and sizes, keyed by path relative to `out`. */
  files: Record<FilePath, FileStats>;
  problems: { utility1: Utility1Problems; utility2: Utility2Problems };
}

// ---------------------------------------------------------------------------
// Plan: how many entities / rows
// ---------------------------------------------------------------------------

interface Plan {
  mode: 'sample' | 'scaled';
  u1ServicePoints: number;
  u1Meters: number;
  u1IntervalRows: number;
  u2Premises: number;
  u2Meters: number;
  u2IntervalRows: number;
}

const SAMPLE_PLAN: Plan = {
  mode: 'sample',
  u1ServicePoints: 1000,
  u1Meters: 290,
  u1IntervalRows: 20_000,
  u2Premises: 195,
  u2Meters: 750,
  u2IntervalRows: 43_000,
};

export const MIN_ROWS = 1000;

function makePlan(rows: number | undefined): Plan {
  if (rows === undefined) return SAMPLE_PLAN;
  if (!Number.isSafeInteger(rows) || rows < MIN_ROWS) {
    throw new Error(`rows must be an integer >= ${MIN_ROWS}, got ${rows}`);
  }
  const m = Math.max(10, Math.round(rows / 100));
  const u1 = Math.floor(rows / 2);
  return {
    mode: 'scaled',
    u1ServicePoints: m,
    u1Meters: m,
    u1IntervalRows: u1,
    u2Premises: m,
    u2Meters: m,
    u2IntervalRows: rows - u1,
  };
}

// Problem rates. Chosen so that the sample plan gets the counts described in data/README.md;
// the scaled plan applies the same rates.
const RATE = {
  u1UnknownMeters: 0.01, // meters with intervals but absent from the meters file (~1% of rows)
  u1OrphanSpMeters: 0.02, // meters attached to a service point absent from the SP file (~2% of rows)
  u1MovedMeters: 3 / 290, // meters moving to another service point mid-window
  u1ExactDup: 0.01, // of interval rows
  u1ConflictDup: 0.005, // of interval rows
  u1BadRowsEvery: 20_000, // one bad row of each kind per this many interval rows
  u1FiveMinuteEvery: 20_000, // one meter with 10 rows of the fifth channel label per this many rows
  u1TwoSpPairsEvery: 10_000, // one same-meter-same-start row on another service point per this many rows
  u1ZipPrefixed: 0.63, // service point numbers that begin with the service point's ZIP
  u2LateInstalls: 3 / 750, // meters whose only installation is inside the interval window
  zero: 0.03,
  u1Nv: 0.05,
  u1NetNegative: 0.02, // of Net channel rows
  u2PremisePool: 320 / 750, // distinct premises referenced by meters, per meter
  u2PoolAbsent: 0.4, // of referenced premises, absent from the SP file
  u2PremiseChange: 0.05, // meters changing premise between rows
  u2MidWindow: 10 / 750, // meters whose latest installation is mid-window
  u2RemovedAt: 0.02, // of meter rows
  u2LeadingZero: 0.08, // meter ids with leading zeros
  u2UnknownMeters: 0.01,
  u2KeysPerRow: 0.14, // distinct keys / rows  => 86% of rows repeat a key
} as const;

// ---------------------------------------------------------------------------
// PRNG and small helpers
// ---------------------------------------------------------------------------

/** mulberry32: tiny, fast, good enough for synthetic data. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** Uniform float in [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** Integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.next() * a.length)];
  }
}

/** Independent PRNG stream per purpose (FNV-1a of the label mixed with the seed). */
function stream(seed: number, label: string): Rng {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= Math.imul((seed / 4294967296) | 0, 0x9e3779b1);
  return new Rng(hash32(h >>> 0, 0x5bd1e995));
}

/** Stateless 32-bit hash (murmur3 finalizer). */
function hash32(x: number, salt: number): number {
  let h = (x ^ salt) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** (a * x) mod m without losing precision, for a, x, m < 2^34. */
function mulmod(a: number, x: number, m: number): number {
  const hi = Math.floor(x / 65536);
  const lo = x % 65536;
  return (((a * hi) % m) * 65536 + a * lo) % m;
}

/**
 * A random-looking bijection on [0, m), m = c * 10^k: affine map, reverse the k low decimal
 * digits, affine map again. Gives unique, scattered ids without storing a set.
 */
class Perm {
  private readonly a1: number;
  private readonly b1: number;
  private readonly a2: number;
  private readonly b2: number;
  private readonly p: number;
  constructor(
    private readonly m: number,
    private readonly k: number,
    rng: Rng,
  ) {
    this.p = 10 ** k;
    const coprime = () => {
      let a = Math.floor(m / 4) + rng.int(Math.floor(m / 2));
      while (gcd(a, m) !== 1) a++;
      return a;
    };
    this.a1 = coprime();
    this.b1 = rng.int(m);
    this.a2 = coprime();
    this.b2 = rng.int(m);
  }
  map(i: number): number {
    const m = this.m;
    let x = (mulmod(this.a1, i, m) + this.b1) % m;
    const hi = Math.floor(x / this.p);
    let lo = x % this.p;
    let rev = 0;
    for (let d = 0; d < this.k; d++) {
      rev = rev * 10 + (lo % 10);
      lo = Math.floor(lo / 10);
    }
    x = hi * this.p + rev;
    return (mulmod(this.a2, x, m) + this.b2) % m;
  }
}

/**
 * A flat (sequential) copy of a string. Strings built by concatenation are ropes in V8; rows built
 * from rope pieces are much slower to encode, so the reusable pieces (tables, per-series prefixes)
 * are flattened once.
 */
function flat(s: string): string {
  return Buffer.from(s, 'latin1').toString('latin1');
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** `count` distinct integers from [0, n), ascending. */
function pickDistinct(rng: Rng, count: number, n: number): number[] {
  if (count > n) throw new Error(`cannot pick ${count} of ${n}`);
  const set = new Set<number>();
  while (set.size < count) set.add(rng.int(n));
  return [...set].sort((a, b) => a - b);
}

function shuffledRange(rng: Rng, n: number): Uint32Array {
  const a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/**
 * Split `remaining` items over `slots` consumers: a jittered share of the mean, at least 1,
 * leaving at least 1 for every other slot. The last slot takes the rest, so totals are exact.
 */
function share(rng: Rng, remaining: number, slots: number, jitter: number, max = Infinity): number {
  if (slots <= 1) return Math.min(remaining, max);
  const mean = remaining / slots;
  let x = Math.round(mean * (1 - jitter + 2 * jitter * rng.next()));
  const upper = Math.min(max, remaining - (slots - 1));
  if (x > upper) x = upper;
  if (x < 1) x = 1;
  return x;
}

// ---------------------------------------------------------------------------
// Calendar helpers (pure arithmetic, no clock)
// ---------------------------------------------------------------------------

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function dayNumber(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const isoDateCache = new Map<number, string>();
/** 'YYYY-MM-DD' of a day number. */
function isoDate(z: number): string {
  let s = isoDateCache.get(z);
  if (s !== undefined) return s;
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
  isoDateCache.set(z, s);
  return s;
}

const WINDOW_START = dayNumber(2025, 1, 22);
/** utility1 intervals cover [2025-01-22T00:00, 2025-02-21T00:00) local time (all EST, -05:00). */
const U1_DAYS = 30;
const U1_SLOTS15 = U1_DAYS * 96;
/** utility2 daily reads 20250122 .. 20250221. */
const U2_DAYS = 31;
const EST = '-05:00';

/**
 * Minute-resolution timestamp tables from the window start (local EST):
 * TSP[i] = 'YYYY-MM-DDTHH:MM:' and TS[i] = TSP[i] + '00-05:00'.
 */
function buildTimeTables(days: number): { TSP: string[]; TS: string[] } {
  const TSP: string[] = new Array(days * 1440);
  const TS: string[] = new Array(days * 1440);
  for (let d = 0; d < days; d++) {
    const date = isoDate(WINDOW_START + d);
    for (let mi = 0; mi < 1440; mi++) {
      const p = `${date}T${pad(Math.floor(mi / 60), 2)}:${pad(mi % 60, 2)}:`;
      TSP[d * 1440 + mi] = flat(p);
      TS[d * 1440 + mi] = flat(p + '00' + EST);
    }
  }
  return { TSP, TS };
}

const SEC: string[] = Array.from({ length: 60 }, (_, i) => pad(i, 2));
/** FRAC[f] = decimal part of f/1000 without trailing zeros ('' for 0, '.5', '.25', '.125'). */
const FRAC: string[] = Array.from({ length: 1000 }, (_, f) =>
  flat(f === 0 ? '' : ('.' + pad(f, 3)).replace(/0+$/, '')),
);
/** Format an integer number of thousandths as a decimal with up to 3 decimals. */
function fmt3(v: number): string {
  if (v < 0) return '-' + fmt3(-v);
  return Math.floor(v / 1000) + FRAC[v % 1000];
}

// ---------------------------------------------------------------------------
// Output sink: big string chunks, written with backpressure
// ---------------------------------------------------------------------------

const CHUNK = 1 << 20;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Collects text (ASCII only, apart from the BOM) into ~1 MB byte chunks and hands each full chunk
 * to a write stream. add() is synchronous; callers await maybeFlush() between batches of rows,
 * which waits for the stream to drain, so at most a couple of chunks are ever in memory.
 */
class Sink {
  private readonly ws: fs.WriteStream;
  private buf: Buffer = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  private draining = false;
  private error: Error | null = null;
  rows = 0;
  constructor(
    readonly file: string,
    header: string,
  ) {
    this.ws = fs.createWriteStream(file);
    this.ws.on('error', (e) => {
      this.error = e;
    });
    this.pos = BOM.copy(this.buf, 0);
    this.add(header + '\n', 0);
  }
  add(s: string, rows: number): void {
    this.rows += rows;
    if (this.pos + s.length > this.buf.length) {
      this.push();
      if (s.length > this.buf.length) this.buf = Buffer.allocUnsafe(s.length);
    }
    this.pos += this.buf.write(s, this.pos, 'latin1');
  }
  private push(): void {
    if (this.pos === 0) return;
    if (!this.ws.write(this.buf.subarray(0, this.pos))) this.draining = true;
    this.buf = Buffer.allocUnsafe(CHUNK);
    this.pos = 0;
  }
  /** Call between batches of rows: waits while the stream is over its high-water mark. */
  async maybeFlush(): Promise<void> {
    if (this.error) throw this.error;
    if (this.draining) {
      this.draining = false;
      await once(this.ws, 'drain');
    }
  }
  async close(): Promise<number> {
    if (this.error) throw this.error;
    this.push();
    this.ws.end();
    await once(this.ws, 'finish');
    if (this.error) throw this.error;
    return (await stat(this.file)).size;
  }
}

// ---------------------------------------------------------------------------
// Address vocabulary (New York State); no commas anywhere, so no field needs quoting
// ---------------------------------------------------------------------------

const CITIES: readonly (readonly [string, number, number])[] = [
  // [city, first zip, number of zips]
  ['NEW YORK', 10001, 40],
  ['BRONX', 10451, 25],
  ['STATEN ISLAND', 10301, 14],
  ['BROOKLYN', 11201, 39],
  ['YONKERS', 10701, 10],
  ['WHITE PLAINS', 10601, 6],
  ['NEW ROCHELLE', 10801, 4],
  ['MOUNT VERNON', 10550, 3],
  ['HEMPSTEAD', 11550, 2],
  ['HICKSVILLE', 11801, 2],
  ['HUNTINGTON', 11743, 1],
  ['POUGHKEEPSIE', 12601, 3],
  ['KINGSTON', 12401, 2],
  ['ALBANY', 12202, 9],
  ['SCHENECTADY', 12303, 7],
  ['TROY', 12180, 3],
  ['SARATOGA SPRINGS', 12866, 1],
  ['GLENS FALLS', 12801, 1],
  ['PLATTSBURGH', 12901, 3],
  ['UTICA', 13501, 2],
  ['ROME', 13440, 2],
  ['SYRACUSE', 13202, 19],
  ['AUBURN', 13021, 2],
  ['OSWEGO', 13126, 1],
  ['WATERTOWN', 13601, 2],
  ['BINGHAMTON', 13901, 5],
  ['ITHACA', 14850, 3],
  ['ELMIRA', 14901, 5],
  ['GENEVA', 14456, 1],
  ['ROCHESTER', 14604, 23],
  ['BATAVIA', 14020, 2],
  ['LOCKPORT', 14094, 2],
  ['NIAGARA FALLS', 14301, 5],
  ['BUFFALO', 14201, 26],
  ['JAMESTOWN', 14701, 1],
];

const STREET_NAMES = [
  'MAPLE', 'OAK', 'PINE', 'ELM', 'CEDAR', 'MAIN', 'CHURCH', 'HIGH', 'PARK', 'LAKE', 'HILL',
  'WASHINGTON', 'LINCOLN', 'JEFFERSON', 'MADISON', 'FRANKLIN', 'CHESTNUT', 'WALNUT', 'SPRUCE',
  'RIVER', 'MILL', 'SCHOOL', 'CENTER', 'BROAD', 'SPRING', 'UNION', 'STATE', 'GENESEE', 'SENECA',
  'ONONDAGA', 'HUDSON', 'MOHAWK', 'ERIE', 'CHAMPLAIN', 'ADIRONDACK', 'DELAWARE', 'CAYUGA',
  'ORCHARD', 'MEADOW', 'RIDGE', 'VALLEY', 'SUNSET', 'HIGHLAND', 'PROSPECT', 'PLEASANT', 'FOREST',
  'WILLOW', 'BIRCH', 'HICKORY', 'SYCAMORE', 'COLUMBIA', 'ALBANY', 'BROADWAY', 'CLINTON', 'MONROE',
  'JACKSON', 'GRANT', 'HAMILTON', 'ADAMS', 'SCHUYLER', 'VAN BUREN', 'FULTON', 'CANAL', 'LIBERTY',
];
const SUFFIXES: readonly (readonly [string, string])[] = [
  ['ST', 'STREET'], ['AVE', 'AVENUE'], ['RD', 'ROAD'], ['DR', 'DRIVE'], ['LN', 'LANE'],
  ['CT', 'COURT'], ['PL', 'PLACE'], ['BLVD', 'BOULEVARD'], ['TER', 'TERRACE'], ['PKWY', 'PARKWAY'],
];
const DIRECTIONS: readonly (readonly [string, string])[] = [
  ['N', 'NORTH'], ['S', 'SOUTH'], ['E', 'EAST'], ['W', 'WEST'],
];

function titleCase(s: string): string {
  return s.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

function pickCityZip(rng: Rng): [string, string] {
  const [city, zip0, n] = rng.pick(CITIES);
  return [city, pad(zip0 + rng.int(n), 5)];
}

// ---------------------------------------------------------------------------
// utility1
// ---------------------------------------------------------------------------

const CH_KWH = 'KWH 15 Minute Interval Read Interval';
const CH_NET = 'KWH Net 15 Minute Interval Read Interval';
const CH_REC = 'KWH Received 5 Minute Interval Read Interval';
const CH_KVARH = 'KVARH 5 Minute Interval Read Interval';
/** A fifth label the real export carries on a few rows (all VAL), of known meters. */
const CH_KWH5 = 'KWH 5 Minute Interval Read Interval';
const FIVE_MINUTE_ROWS = 10;

const enum Model {
  Kwh,
  Net,
  Received,
  Kvarh,
}
interface ChannelDef {
  label: string;
  dur: 300 | 900;
  /** rows per 15 minutes */
  w: 1 | 3;
  model: Model;
}
const KWH15: ChannelDef = { label: CH_KWH, dur: 900, w: 1, model: Model.Kwh };
const NET15: ChannelDef = { label: CH_NET, dur: 900, w: 1, model: Model.Net };
const REC5: ChannelDef = { label: CH_REC, dur: 300, w: 3, model: Model.Received };
const KVARH5: ChannelDef = { label: CH_KVARH, dur: 300, w: 3, model: Model.Kvarh };

/** Meter kinds: 0 = residential, 1 = residential with solar (net metering), 2 = commercial. */
const KIND_CHANNELS: readonly (readonly ChannelDef[])[] = [[KWH15], [NET15, REC5], [KWH15, KVARH5]];

/** Relative load by hour of day. */
const LOAD = [
  0.55, 0.5, 0.47, 0.45, 0.47, 0.6, 0.85, 1.15, 1.2, 1.0, 0.9, 0.88, 0.9, 0.88, 0.86, 0.9, 1.05, 1.35, 1.6,
  1.55, 1.4, 1.2, 0.95, 0.7,
];
/** Relative solar output by hour of day (January, NY); small floor so it is never exactly 0. */
const SUN = [
  0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.02, 0.15, 0.4, 0.65, 0.85, 0.95, 0.85, 0.65, 0.35, 0.1, 0.02,
  0.01, 0.01, 0.01, 0.01, 0.01, 0.01,
];

interface U1World {
  nSp: number;
  nMeters: number;
  /** meters in the intervals file: the nMeters file meters + unknown ones (index >= nMeters) */
  nIntervalMeters: number;
  kind: Uint8Array;
  /** service point index per meter (>= nSp: orphan service point, not in the SP file) */
  sp: Uint32Array;
  /** second service point for meters that move mid-window, else 0xffffffff */
  spAfter: Uint32Array;
  spId: (i: number) => string;
  meterId: (i: number) => string;
  spNumber: (i: number) => string;
  orphanSpIds: number;
  moved: number;
}

const NONE = 0xffffffff;

function buildU1World(plan: Plan, seed: number): U1World {
  const rng = stream(seed, 'u1/world');
  const nSp = plan.u1ServicePoints;
  const nMeters = plan.u1Meters;
  const nUnknown = Math.max(1, Math.round(nMeters * RATE.u1UnknownMeters));
  const nIntervalMeters = nMeters + nUnknown;

  const spPerm = new Perm(1e8, 8, rng);
  const meterPerm = new Perm(1e8, 8, rng);
  const numberPerm = new Perm(1e9, 9, rng);

  const kind = new Uint8Array(nIntervalMeters);
  for (let i = 0; i < nIntervalMeters; i++) {
    const r = rng.next();
    kind[i] = r < 0.62 ? 0 : r < 0.85 ? 1 : 2;
  }

  // Every meter gets its own service point from the file (wrapping if there are more meters than SPs).
  const spOrder = shuffledRange(rng, nSp);
  const sp = new Uint32Array(nIntervalMeters);
  for (let i = 0; i < nIntervalMeters; i++) sp[i] = spOrder[i % nSp];

  // ~2% of meters hang off a service point that is missing from the SP file.
  const nOrphan = Math.max(1, Math.round(nIntervalMeters * RATE.u1OrphanSpMeters));
  const orphanMeters = pickDistinct(rng, nOrphan, nIntervalMeters);
  orphanMeters.forEach((m, k) => (sp[m] = nSp + k));

  // A few file meters move to another (so far unused if possible) service point mid-window.
  const spAfter = new Uint32Array(nIntervalMeters).fill(NONE);
  const nMoved = Math.max(1, Math.round(nMeters * RATE.u1MovedMeters));
  const orphanSet = new Set(orphanMeters);
  let moved = 0;
  let spare = nIntervalMeters;
  while (moved < nMoved) {
    const m = rng.int(nMeters);
    if (orphanSet.has(m) || spAfter[m] !== NONE) continue;
    spAfter[m] = spare < nSp ? spOrder[spare++] : (sp[m] + 1 + rng.int(nSp - 1)) % nSp;
    moved++;
  }

  return {
    nSp,
    nMeters,
    nIntervalMeters,
    kind,
    sp,
    spAfter,
    spId: (i) => 'SP-' + pad(spPerm.map(i), 8),
    meterId: (i) => 'MTR-' + pad(meterPerm.map(i), 8),
    spNumber: (i) => '7' + pad(numberPerm.map(i), 9),
    orphanSpIds: nOrphan,
    moved,
  };
}

async function writeU1ServicePoints(sink: Sink, w: U1World, seed: number, p: Utility1Problems): Promise<void> {
  const rng = stream(seed, 'u1/service_points');
  const created0 = dayNumber(2010, 1, 1);
  const createdN = dayNumber(2024, 6, 30) - created0;
  const lastUpdate = WINDOW_START - 1;
  for (let i = 0; i < w.nSp; i++) {
    const [city, zip] = pickCityZip(rng);
    const dir = rng.chance(0.12) ? rng.pick(DIRECTIONS)[0] + ' ' : '';
    const street = `${rng.between(1, 9999)} ${dir}${rng.pick(STREET_NAMES)} ${rng.pick(SUFFIXES)[0]}`;
    const created = created0 + rng.int(createdN);
    const updated = Math.min(lastUpdate, created + (rng.chance(0.3) ? 0 : rng.int(1500)));
    // Most numbers begin with the service point's full ZIP (a location inside the identifier).
    const zipPrefixed = hash32(i, 0x21b) / 4294967296 < RATE.u1ZipPrefixed;
    const number = zipPrefixed ? zip + pad(i, 7) : w.spNumber(i);
    if (zipPrefixed) p.zipPrefixedNumbers++;
    sink.add(
      `${w.spId(i)},${number},${street},${city},${zip},NY,,,${isoDate(created)},${isoDate(updated)}\n`,
      1,
    );
    await sink.maybeFlush();
  }
}

async function writeU1Meters(sink: Sink, w: U1World, seed: number, TS: string[], p: Utility1Problems): Promise<void> {
  const rng = stream(seed, 'u1/meters');
  // The export lists a meter's readings in no particular order (not by meter_timestamp).
  const orderRng = stream(seed, 'u1/meters/order');
  const lines: string[] = [];
  const stamps: number[] = [];
  for (let m = 0; m < w.nMeters; m++) {
    const kind = w.kind[m];
    const dur = kind === 0 ? 900 : 300;
    const type = rng.chance(0.85) ? 'AMI' : 'AMR';
    const category = kind === 2 ? 'COMMERCIAL' : 'RESIDENTIAL';
    const n = rng.between(6, 14);
    const step = dur / 60;
    const slots = (U1_DAYS * 1440) / step;
    stamps.length = 0;
    while (stamps.length < n) {
      const t = rng.int(slots) * step;
      if (!stamps.includes(t)) stamps.push(t);
    }
    stamps.sort((a, b) => a - b);
    let register = rng.between(1_000_000, 90_000_000); // thousandths of kWh
    const perMinute = kind === 2 ? 40 : 6;
    let prev = 0;
    const id = w.meterId(m);
    lines.length = 0;
    for (const t of stamps) {
      register += Math.round((t - prev) * perMinute * (0.5 + rng.next()));
      prev = t;
      lines.push(`${id},${TS[t]},${dur},${fmt3(register)},${type},${category}\n`);
    }
    const order = shuffledRange(orderRng, n);
    if (order[n - 1] !== n - 1) p.metersOutOfOrder++;
    let out = '';
    for (let k = 0; k < n; k++) out += lines[order[k]];
    sink.add(out, n);
    await sink.maybeFlush();
  }
}

async function writeU1Intervals(
  sink: Sink,
  w: U1World,
  plan: Plan,
  seed: number,
  TS: string[],
  TSP: string[],
  p: Utility1Problems,
): Promise<void> {
  const rng = stream(seed, 'u1/intervals');
  const TSC = TS.map((t) => flat(t + ','));
  const LUT_END = SEC.map((ss) => flat(ss + EST + ',null\n'));
  const total = plan.u1IntervalRows;
  const nExact = Math.round(total * RATE.u1ExactDup);
  const nConf = Math.round(total * RATE.u1ConflictDup);
  const nBadEach = Math.max(1, Math.round(total / RATE.u1BadRowsEvery));
  const nFiveMeters = Math.max(1, Math.round(total / RATE.u1FiveMinuteEvery));
  const nPairs = Math.max(2, Math.round(total / RATE.u1TwoSpPairsEvery));
  const base = total - nExact - nConf - nFiveMeters * FIVE_MINUTE_ROWS - nPairs;
  const nM = w.nIntervalMeters;
  if (base < nM * 2) throw new Error('too few rows for the number of meters');

  // Bad rows replace some base rows: kind 0 = empty value, 1 = 'abc', 2 = invalid timestamp.
  const badPos = pickDistinct(rng, 3 * nBadEach, base);
  const badKind = shuffledRange(rng, badPos.length);
  let badIdx = 0;
  let nextBad = badPos[0];

  // Selection sampling over the non-bad base rows: exactly nExact / nConf of them get a duplicate.
  let eligible = base - badPos.length;
  let exactNeed = nExact;
  let confNeed = nConf;

  const order = shuffledRange(rng, nM);
  let rowsLeft = base;
  let baseIdx = 0;
  const seenOrphanSp = new Set<number>();
  let fiveLeft = nFiveMeters;
  let pairsLeft = nPairs;

  for (let t = 0; t < nM; t++) {
    const m = order[t];
    const R = share(rng, rowsLeft, nM - t, 0.5);
    rowsLeft -= R;
    const chans = KIND_CHANNELS[w.kind[m]];
    let W = 0;
    for (const c of chans) W += c.w;
    const K = Math.floor(R / W);
    const counts = chans.map((c) => (K === 0 ? 0 : K * c.w));
    counts[0] += R - K * W;
    let span = 0;
    chans.forEach((c, i) => (span = Math.max(span, Math.ceil((counts[i] * c.dur) / 900))));
    span = Math.min(span, U1_SLOTS15);

    const movesTo = w.spAfter[m];
    let s0: number;
    if (movesTo !== NONE) {
      s0 = U1_SLOTS15 / 2 - Math.floor(span / 2) + rng.between(-4, 4);
      s0 = Math.max(0, Math.min(U1_SLOTS15 - span, s0));
    } else {
      s0 = rng.int(U1_SLOTS15 - span + 1);
    }
    const startMin = s0 * 15;
    const swapMin = movesTo !== NONE ? startMin + Math.max(1, Math.floor(span / 2)) * 15 : Infinity;

    const meterId = w.meterId(m);
    const spIdx = w.sp[m];
    const spA = w.spId(spIdx);
    const spB = movesTo !== NONE ? w.spId(movesTo) : spA;
    const scale = w.kind[m] === 2 ? 1500 + rng.int(10_000) : 80 + rng.int(520); // thousandths per 15 min
    const solar = 60 + rng.int(400);
    let emitted = 0;
    let out = '';
    // Plain residential meters of the files, at a known service point, that stay put.
    const plain = m < w.nMeters && spIdx < w.nSp && movesTo === NONE && w.kind[m] === 0 && R >= 40;
    const fiveHere = plain && fiveLeft > 0;
    if (fiveHere) fiveLeft--;
    let pairHere = plain && !fiveHere && pairsLeft > 0;
    if (pairHere) pairsLeft--;
    const pairSp = w.spId(w.sp[(m + 1) % w.nMeters] < w.nSp && w.sp[(m + 1) % w.nMeters] !== spIdx ? w.sp[(m + 1) % w.nMeters] : (spIdx + 1) % w.nSp);

    for (let ci = 0; ci < chans.length; ci++) {
      const c = chans[ci];
      const n = counts[ci];
      if (n === 0) continue;
      const step = c.dur / 60;
      const fr = c.dur / 900;
      const head = ',' + meterId + ',' + c.label + ',' + c.dur + ',';
      let prefix = flat(spA + head);
      let swapped = false;
      let conf = '';
      for (let r = 0; r < n; r++) {
        const tMin = startMin + r * step;
        if (!swapped && tMin >= swapMin) {
          prefix = flat(spB + head);
          swapped = true;
        }
        const hour = Math.floor((tMin % 1440) / 60);
        let v: number;
        if (rng.next() < RATE.zero) {
          v = 0;
          p.zeroValueRows++;
        } else {
          const noise = 0.6 + 0.8 * rng.next();
          switch (c.model) {
            case Model.Kwh:
              v = Math.round(scale * LOAD[hour] * noise * fr);
              break;
            case Model.Net:
              if (rng.next() < RATE.u1NetNegative) {
                v = -(1 + rng.int(400));
                p.negativeValueRows++;
              } else v = Math.round(scale * LOAD[hour] * noise * fr);
              break;
            case Model.Received:
              v = Math.round(solar * SUN[hour] * noise * fr);
              break;
            default:
              v = Math.round(0.3 * scale * LOAD[hour] * noise * fr);
          }
          if (v === 0) v = 1;
        }
        const nv = rng.next() < RATE.u1Nv;
        const q = nv ? ',NV,' : ',VAL,';
        const lutMin = tMin + step + 60 + rng.int(240);
        // last_update_time + line end: TSP[lutMin] + LUT_END[second]
        const lut = TSP[lutMin] + LUT_END[rng.int(60)];

        if (baseIdx === nextBad) {
          const k = badKind[badIdx] % 3;
          if (k === 0) {
            out += prefix + q + TSC[tMin] + lut;
            p.badEmptyValueRows++;
          } else if (k === 1) {
            out += prefix + 'abc' + q + TSC[tMin] + lut;
            p.badNonNumericValueRows++;
          } else {
            out += prefix + fmt3(v) + q + '2025-02-30T25:00:00-05:00,' + lut;
            p.badTimestampRows++;
          }
          if (k !== 2 && v === 0) p.zeroValueRows--;
          if (k !== 2 && v < 0) p.negativeValueRows--;
          if (nv) p.nvQualityRows++;
          emitted++;
          baseIdx++;
          nextBad = ++badIdx < badPos.length ? badPos[badIdx] : -1;
          continue;
        }
        baseIdx++;

        const line = prefix + fmt3(v) + q + TSC[tMin] + lut;
        out += line;
        emitted++;
        if (nv) p.nvQualityRows++;
        if (pairHere && r >= 5 && v > 0) {
          // the same meter and start on another known service point, with another value
          out += pairSp + head + fmt3(v + 1 + rng.int(500)) + ',VAL,' + TSC[tMin] + lut;
          pairHere = false;
          emitted++;
          p.twoServicePointRows++;
        }
        if (rng.next() * eligible < exactNeed) {
          // re-exported row: byte-identical copy right after the original
          out += line;
          exactNeed--;
          emitted++;
          p.exactDuplicateRows++;
          if (v === 0) p.zeroValueRows++;
          if (v < 0) p.negativeValueRows++;
          if (nv) p.nvQualityRows++;
        }
        if (rng.next() * eligible < confNeed) {
          // later correction: same key, other value, later last_update_time; lands at the end of the series
          const v2 = v + (v < 0 ? -1 : 1) * (1 + rng.int(Math.max(50, Math.abs(v))));
          const lut2 = TSP[lutMin + 1440 + rng.int(720)] + LUT_END[rng.int(60)];
          conf += prefix + fmt3(v2) + ',VAL,' + TSC[tMin] + lut2;
          confNeed--;
          emitted++;
          p.conflictingDuplicateRows++;
          if (v2 < 0) p.negativeValueRows++;
        }
        eligible--;
      }
      out += conf;
    }
    if (fiveHere) {
      const head = spA + ',' + meterId + ',' + CH_KWH5 + ',300,';
      for (let r = 0; r < FIVE_MINUTE_ROWS; r++) {
        const tMin = startMin + r * 5;
        const v = Math.max(1, Math.round((scale / 3) * LOAD[Math.floor((tMin % 1440) / 60)]));
        out += head + fmt3(v) + ',VAL,' + TSC[tMin] + TSP[tMin + 65] + LUT_END[r] ;
      }
      emitted += FIVE_MINUTE_ROWS;
      p.fiveMinuteKwhRows += FIVE_MINUTE_ROWS;
    }

    if (m >= w.nMeters) {
      p.unknownMeterRows += emitted;
      p.unknownMeterIds++;
    }
    if (spIdx >= w.nSp) {
      p.orphanServicePointRows += emitted;
      seenOrphanSp.add(spIdx);
    }
    sink.add(out, emitted);
    await sink.maybeFlush();
  }
  p.orphanServicePointIds = seenOrphanSp.size;
  p.intervalMeters = nM;
  if (sink.rows !== total || exactNeed !== 0 || confNeed !== 0 || badIdx !== badPos.length || fiveLeft || pairsLeft) {
    throw new Error(`utility1 intervals: internal row accounting error (${sink.rows} != ${total})`);
  }
}

// ---------------------------------------------------------------------------
// utility2
// ---------------------------------------------------------------------------

const U2_CHANNELS = [1, 2, 3, 4, 10, 11, 12, 13, 20, 21, 33, 41, 53];
const U2_QUALITY: readonly (readonly [string, number])[] = [
  ['1', 0.9],
  ['3', 0.04],
  ['4', 0.03],
  ['53', 0.015],
  ['2', 0.01],
  ['9', 0.005],
];
const U2_QUALITY_CUM = (() => {
  let s = 0;
  return U2_QUALITY.map(([, p]) => (s += p));
})();
/** Index into U2_QUALITY for a uniform r in [0, 1). */
function u2Quality(r: number): number {
  for (let i = 0; i < U2_QUALITY.length - 1; i++) if (r < U2_QUALITY_CUM[i]) return i;
  return U2_QUALITY.length - 1;
}

interface U2World {
  nPremises: number;
  nMeters: number;
  nIntervalMeters: number;
  /** referenced premise pool: indices < nPremises are in the SP file, the rest are absent */
  pool: Uint32Array;
  premiseId: (i: number) => string;
  meterId: (i: number) => string;
  leadingZero: (i: number) => boolean;
  /** Meters whose only installation is inside the window → its day number (filled by the meters writer). */
  lateInstall: Map<number, number>;
}

function buildU2World(plan: Plan, seed: number): U2World {
  const rng = stream(seed, 'u2/world');
  const nPremises = plan.u2Premises;
  const nMeters = plan.u2Meters;
  const nUnknown = Math.max(1, Math.round(nMeters * RATE.u2UnknownMeters));

  // premise ids: 7, 8 or 9 digits
  const premisePerms = [7, 8, 9].map((L) => new Perm(9 * 10 ** (L - 1), L - 1, rng));
  const premiseId = (i: number): string => {
    const c = i % 3;
    const L = 7 + c;
    return String(10 ** (L - 1) + premisePerms[c].map(Math.floor(i / 3)));
  };

  // meter ids: 5 to 10 digits, numerically unique; some padded with leading zeros
  const meterPerms = [5, 6, 7, 8, 9, 10].map((L) => new Perm(9 * 10 ** (L - 1), L - 1, rng));
  const salt = rng.int(0x7fffffff);
  const FIRST = 40_000; // ids per length class before switching to the roomier 7..10 digit classes
  const numeric = (i: number): [number, number] => {
    let L: number;
    let j: number;
    if (i < 6 * FIRST) {
      L = 5 + (i % 6);
      j = Math.floor(i / 6);
    } else {
      const i2 = i - 6 * FIRST;
      L = 7 + (i2 % 4);
      j = FIRST + Math.floor(i2 / 4);
    }
    return [L, 10 ** (L - 1) + meterPerms[L - 5].map(j)];
  };
  const leadingZero = (i: number): boolean =>
    numeric(i)[0] <= 8 && hash32(i, salt) / 4294967296 < RATE.u2LeadingZero;
  const meterId = (i: number): string => {
    const [L, v] = numeric(i);
    if (L <= 8) {
      const h = hash32(i, salt) / 4294967296;
      if (h < RATE.u2LeadingZero) return (h < RATE.u2LeadingZero / 2 ? '00' : '0') + v;
    }
    return String(v);
  };

  // Premises referenced by meters: ~40% of them are missing from the SP file.
  const poolSize = Math.max(2, Math.round(nMeters * RATE.u2PremisePool));
  const nAbsent = Math.max(1, Math.round(poolSize * RATE.u2PoolAbsent));
  const nPresent = Math.min(nPremises, poolSize - nAbsent);
  const premOrder = shuffledRange(rng, nPremises);
  const pool = new Uint32Array(nPresent + nAbsent);
  for (let k = 0; k < nPresent; k++) pool[k] = premOrder[k];
  for (let k = 0; k < nAbsent; k++) pool[nPresent + k] = nPremises + k;
  for (let i = pool.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }

  return { nPremises, nMeters, nIntervalMeters: nMeters + nUnknown, pool, premiseId, meterId, leadingZero, lateInstall: new Map() };
}

async function writeU2ServicePoints(sink: Sink, w: U2World, seed: number, p: Utility2Problems): Promise<void> {
  const rng = stream(seed, 'u2/service_points');
  const supps = ['APT 1A', 'APT 2B', 'APT 3C', 'APT 4', 'UNIT 2', 'UNIT 5', 'FL 2', 'FL 3', 'REAR', 'BSMT', 'STE 100'];
  // The export stamps one created_date on every row, so it orders nothing.
  const created = '2016-05-06';
  for (let i = 0; i < w.nPremises; i++) {
    const id = w.premiseId(i);
    const n = rng.between(2, 7);
    let out = '';
    for (let k = 0; k < n; k++) {
      // same premise, an entirely different address on every row
      const dir = rng.chance(0.15) ? rng.pick(DIRECTIONS)[0] + ' ' : '';
      const [sfx] = rng.pick(SUFFIXES);
      const street = `${dir}${rng.pick(STREET_NAMES)} ${sfx}`;
      const supp = rng.chance(0.7) ? '' : rng.pick(supps);
      const [city, zip] = pickCityZip(rng);
      out += `${id},${created},${rng.between(1, 9999)},${street},${supp},${city},${zip},NY\n`;
    }
    p.distinctPremises++;
    p.repeatedPremiseRows += n - 1;
    sink.add(out, n);
    await sink.maybeFlush();
  }
}

async function writeU2Meters(sink: Sink, w: U2World, seed: number, p: Utility2Problems): Promise<void> {
  const rng = stream(seed, 'u2/meters');
  const nMid = Math.max(1, Math.round(w.nMeters * RATE.u2MidWindow));
  const mid = new Set(pickDistinct(rng, nMid, w.nMeters));
  const nChange = Math.max(1, Math.round(w.nMeters * RATE.u2PremiseChange));
  const change = new Set(pickDistinct(rng, nChange, w.nMeters));
  // A few meters whose only installation falls inside the window: their earlier reads have no premise.
  const lateRng = stream(seed, 'u2/meters/late');
  const nLate = Math.max(1, Math.round(w.nMeters * RATE.u2LateInstalls));
  while (w.lateInstall.size < nLate) {
    const m = lateRng.int(w.nMeters);
    if (!mid.has(m) && !change.has(m)) w.lateInstall.set(m, WINDOW_START + 8 + lateRng.int(12));
  }
  const from = dayNumber(2015, 1, 1);
  const span = dayNumber(2024, 12, 31) - from;
  const lastBeforeWindow = WINDOW_START - 1;
  const prefixes = ['GE', 'LG', 'IT', 'SN', 'EL', 'AC', 'KV', 'HX'];
  const meterChannels = ['1', '1', '1', '1', '1', '1', '3', '3', '3', '2', '4', '10'];
  const referenced = new Uint8Array(w.nPremises + w.pool.length);
  const z = (d: number) => isoDate(d) + 'T00:00:00Z';
  const days: number[] = [];

  for (let m = 0; m < w.nMeters; m++) {
    const id = w.meterId(m);
    const isMid = mid.has(m);
    const changes = change.has(m);
    let n = 1 + Math.floor(rng.next() * 6.2);
    if ((isMid || changes) && n < 2) n = 2;
    const number = rng.pick(prefixes) + pad(rng.int(1e8), 8) + (rng.chance(0.3) ? String.fromCharCode(65 + rng.int(26)) : '');
    const channel = rng.pick(meterChannels);
    const premise = m < w.pool.length ? w.pool[m] : w.pool[rng.int(w.pool.length)];
    let premise2 = premise;
    const changeAt = changes ? 1 + rng.int(n - 1) : n;
    if (changes) while (premise2 === premise) premise2 = w.pool[rng.int(w.pool.length)];

    days.length = 0;
    for (let k = 0; k < n; k++) days.push(from + rng.int(span));
    days.sort((a, b) => a - b);
    if (isMid) days[n - 1] = WINDOW_START + 4 + rng.int(21); // 2025-01-26 .. 2025-02-15
    const late = w.lateInstall.get(m);
    if (late !== undefined) {
      n = 1;
      days[0] = late;
      p.lateInstalledMeters++;
    }

    const premId = w.premiseId(premise);
    const premId2 = w.premiseId(premise2);
    let out = '';
    for (let k = 0; k < n; k++) {
      const prem = k < changeAt ? premise : premise2;
      referenced[prem] = 1;
      const inst = days[k];
      const last = k === n - 1;
      const year = 1970 + inst / 365.25;
      const type = (year >= 2019 ? rng.chance(0.8) : rng.chance(0.2)) ? 'AMI' : 'ELECTRIC';
      const r = rng.next();
      const status = last ? (r < 0.8 ? 'Customer' : '') : r < 0.6 ? 'Retired' : r < 0.85 ? '' : 'Customer';
      let removed = '';
      if (!(isMid && last) && rng.chance(RATE.u2RemovedAt) && late === undefined) {
        const limit = last ? lastBeforeWindow : days[k + 1];
        removed = z(Math.min(limit, inst + 1 + rng.int(Math.max(1, limit - inst))));
        p.removedAtFilledRows++;
      }
      const updated = (isMid && last) || late !== undefined ? inst : Math.min(lastBeforeWindow, inst + (rng.chance(0.4) ? 0 : rng.int(700)));
      out += `${k < changeAt ? premId : premId2},${id},${number},${type},${status},${channel},${z(inst)},${removed},${z(inst)},${z(updated)}\n`;
    }
    p.distinctMeters++;
    if (w.leadingZero(m)) p.leadingZeroMeterIds++;
    if (changes) p.metersChangingPremise++;
    if (isMid) p.midWindowInstalls++;
    sink.add(out, n);
    await sink.maybeFlush();
  }
  for (let i = 0; i < referenced.length; i++) {
    if (referenced[i]) {
      p.referencedPremises++;
      if (i >= w.nPremises) p.referencedPremisesAbsent++;
    }
  }
}

async function writeU2Intervals(sink: Sink, w: U2World, plan: Plan, seed: number, p: Utility2Problems): Promise<void> {
  const rng = stream(seed, 'u2/intervals');
  const total = plan.u2IntervalRows;
  const nM = w.nIntervalMeters;
  const K = Math.max(nM, Math.round(total * RATE.u2KeysPerRow));
  if (total < K) throw new Error('too few rows for the number of meters');
  const DAY: string[] = Array.from({ length: U2_DAYS }, (_, d) => isoDate(WINDOW_START + d).replaceAll('-', ''));
  const maxKeys = U2_DAYS * U2_CHANNELS.length;
  const keyDay = new Int32Array(maxKeys);
  const keyCh = new Int32Array(maxKeys);
  const keyHead: string[] = new Array(maxKeys); // 'channel,0,meter_id,'
  const keyDate: string[] = new Array(maxKeys); // ',YYYYMMDD,'
  const DAYC = DAY.map((d) => flat(',' + d + ','));
  const QUAL = U2_QUALITY.map(([q]) => flat(q));
  const keyCount = new Int32Array(maxKeys);
  const keyQual = new Int32Array(maxKeys);
  let keyVals = new Float64Array(maxKeys * 16);
  const order = shuffledRange(rng, nM);
  const channelsSeen = new Set<number>();
  const qualitiesSeen = new Set<number>();
  let keysLeft = K;
  let rowsLeft = total;

  for (let t = 0; t < nM; t++) {
    const m = order[t];
    const id = w.meterId(m);
    const k = share(rng, keysLeft, nM - t, 0.5, maxKeys);

    // channels of this meter: 1 always, 3 usually, the rest rarely
    const chans: number[] = [1];
    if (rng.chance(0.65)) chans.push(3);
    for (const c of U2_CHANNELS) if (c !== 1 && c !== 3 && rng.chance(0.05)) chans.push(c);
    for (const c of U2_CHANNELS) if (chans.length * U2_DAYS < k && !chans.includes(c)) chans.push(c);
    chans.sort((a, b) => a - b);
    const nch = chans.length;
    const nDays = Math.ceil(k / nch);
    let d0 = rng.int(U2_DAYS - nDays + 1);
    if (w.lateInstall.has(m)) d0 = 0; // reads from the window start, before the meter's only installation
    const heads = chans.map((c) => flat(c + ',0,' + id + ','));

    let maxCount = 0;
    for (let j = 0; j < k; j++) {
      keyDay[j] = d0 + Math.floor(j / nch);
      keyCh[j] = chans[j % nch];
      keyHead[j] = heads[j % nch];
      keyDate[j] = DAYC[keyDay[j]];
      // occurrences of this key: uniform around the remaining mean, exact in total
      let c: number;
      if (keysLeft === 1) c = rowsLeft;
      else {
        const mean = rowsLeft / keysLeft;
        c = 1 + rng.int(Math.max(1, Math.round(2 * mean - 1)));
        c = Math.min(c, rowsLeft - (keysLeft - 1));
      }
      keyCount[j] = c;
      keyQual[j] = -1;
      if (c > p.maxRowsPerKey) p.maxRowsPerKey = c;
      keysLeft--;
      rowsLeft -= c;
      if (c > maxCount) maxCount = c;
      channelsSeen.add(keyCh[j]);
    }

    // each round re-exports the keys that still have occurrences left, with a value that
    // differs from all earlier values of the key (keyVals[round * k + j])
    if (keyVals.length < maxCount * k) keyVals = new Float64Array(maxCount * k);
    let out = '';
    let emitted = 0;
    for (let round = 0; round < maxCount; round++) {
      for (let j = 0; j < k; j++) {
        if (keyCount[j] <= round) continue;
        let v = rng.next() < RATE.zero ? 0 : -1;
        for (;;) {
          if (v < 0) {
            const r = rng.next();
            v = 1 + Math.floor(1_000_000 * r * r * r);
          }
          let seen = false;
          for (let q = 0; q < round && !seen; q++) seen = keyVals[q * k + j] === v;
          if (!seen) break;
          v = -1;
        }
        keyVals[round * k + j] = v;
        if (v === 0) p.zeroValueRows++;
        const q = u2Quality(rng.next());
        qualitiesSeen.add(q);
        if (keyQual[j] === -1) keyQual[j] = q;
        else if (keyQual[j] !== q && keyQual[j] >= 0) {
          keyQual[j] = -2; // mixed
          p.mixedQualityKeys++;
        }
        const late = w.lateInstall.get(m);
        if (late !== undefined && WINDOW_START + keyDay[j] < late) p.readsBeforeInstall++;
        out += keyHead[j] + QUAL[q] + keyDate[j] + v + '\n';
        emitted++;
      }
    }
    p.intervalKeys += k;
    if (m >= w.nMeters) {
      p.unknownMeterRows += emitted;
      p.unknownMeterIds++;
    }
    sink.add(out, emitted);
    await sink.maybeFlush();
  }
  p.repeatedKeyRows = sink.rows - p.intervalKeys;
  p.distinctChannels = channelsSeen.size;
  p.distinctQualities = qualitiesSeen.size;
  if (sink.rows !== total || keysLeft !== 0) {
    throw new Error(`utility2 intervals: internal row accounting error (${sink.rows} != ${total})`);
  }
}

// ---------------------------------------------------------------------------
// generate()
// ---------------------------------------------------------------------------

function zeroProblems1(): Utility1Problems {
  return {
    servicePoints: 0,
    meters: 0,
    intervalMeters: 0,
    orphanServicePointRows: 0,
    orphanServicePointIds: 0,
    unknownMeterRows: 0,
    unknownMeterIds: 0,
    movedMeters: 0,
    exactDuplicateRows: 0,
    conflictingDuplicateRows: 0,
    zeroValueRows: 0,
    negativeValueRows: 0,
    nvQualityRows: 0,
    badEmptyValueRows: 0,
    badNonNumericValueRows: 0,
    badTimestampRows: 0,
    fiveMinuteKwhRows: 0,
    twoServicePointRows: 0,
    metersOutOfOrder: 0,
    zipPrefixedNumbers: 0,
  };
}

function zeroProblems2(): Utility2Problems {
  return {
    distinctPremises: 0,
    repeatedPremiseRows: 0,
    distinctMeters: 0,
    leadingZeroMeterIds: 0,
    metersChangingPremise: 0,
    midWindowInstalls: 0,
    removedAtFilledRows: 0,
    referencedPremises: 0,
    referencedPremisesAbsent: 0,
    intervalKeys: 0,
    repeatedKeyRows: 0,
    unknownMeterRows: 0,
    unknownMeterIds: 0,
    zeroValueRows: 0,
    distinctChannels: 0,
    distinctQualities: 0,
    mixedQualityKeys: 0,
    maxRowsPerKey: 0,
    lateInstalledMeters: 0,
    readsBeforeInstall: 0,
  };
}

export async function generate(opts: GenerateOptions): Promise<Summary> {
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`seed must be a non-negative integer, got ${seed}`);
  const plan = makePlan(opts.rows);
  const out = opts.out;
  await mkdir(path.join(out, 'utility1'), { recursive: true });
  await mkdir(path.join(out, 'utility2'), { recursive: true });

  const files = {} as Record<FilePath, FileStats>;
  const run = async (file: FilePath, body: (sink: Sink) => Promise<void>): Promise<void> => {
    const sink = new Sink(path.join(out, file), HEADERS[file]);
    await body(sink);
    const bytes = await sink.close();
    files[file] = { rows: sink.rows, bytes };
  };

  const p1 = zeroProblems1();
  const p2 = zeroProblems2();
  const { TS, TSP } = buildTimeTables(U1_DAYS + 3);

  const w1 = buildU1World(plan, seed);
  p1.servicePoints = w1.nSp;
  p1.meters = w1.nMeters;
  p1.movedMeters = w1.moved;
  await run(FILES.u1ServicePoints, (s) => writeU1ServicePoints(s, w1, seed, p1));
  await run(FILES.u1Meters, (s) => writeU1Meters(s, w1, seed, TS, p1));
  await run(FILES.u1Intervals, (s) => writeU1Intervals(s, w1, plan, seed, TS, TSP, p1));

  const w2 = buildU2World(plan, seed);
  await run(FILES.u2ServicePoints, (s) => writeU2ServicePoints(s, w2, seed, p2));
  await run(FILES.u2Meters, (s) => writeU2Meters(s, w2, seed, p2));
  await run(FILES.u2Intervals, (s) => writeU2Intervals(s, w2, plan, seed, p2));

  const ordered = {} as Record<FilePath, FileStats>;
  for (const f of Object.values(FILES)) ordered[f] = files[f];
  return { out, mode: plan.mode, seed, files: ordered, problems: { utility1: p1, utility2: p2 } };
}

// ---------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.dirname(HERE);

export function defaultOut(rows?: number): string {
  return rows === undefined ? path.join(HERE, 'raw') : path.join(REPO, 'bench', 'data', `rows-${rows}`);
}

function parseArgs(argv: string[]): GenerateOptions {
  let out: string | undefined;
  let rows: number | undefined;
  let seed: number | undefined;
  const int = (name: string, v: string | undefined): number => {
    const s = (v ?? '').replaceAll('_', '');
    if (!/^\d+$/.test(s)) throw new Error(`${name} needs a non-negative integer, got ${JSON.stringify(v)}`);
    return Number(s);
  };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let v: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) {
      v = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const value = () => (v !== undefined ? v : argv[++i]);
    if (a === '--out') out = value();
    else if (a === '--rows') rows = int('--rows', value());
    else if (a === '--seed') seed = int('--seed', value());
    else if (a === '--help' || a === '-h') {
      console.log('usage: node bin/run-ts.js data/generate.ts [--out DIR] [--rows N] [--seed S]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (out === '') throw new Error('--out needs a directory');
  return { out: out !== undefined ? path.resolve(out) : defaultOut(rows), rows, seed };
}

function human(bytes: number): string {
  if (bytes >= 1 << 30) return (bytes / (1 << 30)).toFixed(2) + ' GiB';
  if (bytes >= 1 << 20) return (bytes / (1 << 20)).toFixed(2) + ' MiB';
  return (bytes / 1024).toFixed(1) + ' KiB';
}

export function formatSummary(s: Summary): string {
  const lines: string[] = [];
  const w = Math.max(...Object.keys(s.files).map((f) => f.length));
  let rows = 0;
  let bytes = 0;
  lines.push(`wrote ${s.mode} set (seed ${s.seed}) to ${s.out}`);
  for (const [f, st] of Object.entries(s.files)) {
    lines.push(`  ${f.padEnd(w)}  ${st.rows.toLocaleString('en-US').padStart(13)} rows  ${human(st.bytes).padStart(11)}`);
    rows += st.rows;
    bytes += st.bytes;
  }
  lines.push(`  ${'total'.padEnd(w)}  ${rows.toLocaleString('en-US').padStart(13)} rows  ${human(bytes).padStart(11)}`);
  for (const [u, probs] of Object.entries(s.problems)) {
    lines.push(`${u}:`);
    for (const [k, v] of Object.entries(probs)) lines.push(`  ${k.padEnd(26)} ${Number(v).toLocaleString('en-US')}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = process.hrtime.bigint();
  const summary = await generate(opts);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const intervalRows =
    summary.files[FILES.u1Intervals].rows + summary.files[FILES.u2Intervals].rows;
  console.log(formatSummary(summary));
  console.log(
    `done in ${secs.toFixed(2)} s (${Math.round(intervalRows / secs).toLocaleString('en-US')} interval rows/s)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
