/** IANA time-zone names known to this runtime (Node's ICU, the same database DuckDB's ICU uses). */
let zones: Set<string> | undefined;

export function isKnownZone(zone: string): boolean {
  zones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC']);
  if (zones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function knownZones(): string[] {
  return Intl.supportedValuesOf('timeZone');
}
