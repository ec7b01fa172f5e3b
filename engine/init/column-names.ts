import { levenshtein } from '../util/did-you-mean.ts';
import type { StandardTable } from '../model/common-model.ts';

/**
 * How alike a source column's name is to a common-model column (0…1), from the names themselves,
 * the words utilities commonly use instead (below), and the edit distance.
 */
const SAME_AS: Record<StandardTable, Record<string, string[]>> = {
  service_points: {
    service_point_id: [
      'premise_id',
      'premise',
      'prem_no',
      'prem',
      'sp_id',
      'service_point',
      'service_delivery_point_id',
      'location_id',
      'site_id',
    ],
    service_point_number: ['sp_number', 'premise_number', 'service_point_no'],
    house_num: ['house_number', 'house_no', 'street_number', 'number'],
    street: ['street_name', 'address', 'addr', 'address_line', 'addr_line', 'address1'],
    house_supp: ['house_supplement', 'unit', 'apt', 'address2', 'suite', 'supp'],
    city: ['town', 'municipality', 'locality'],
    zip: ['postcode', 'postal_code', 'zip_code', 'zipcode'],
    state: ['region', 'province', 'state_code'],
    installed_at: ['installed', 'install_date', 'opened', 'connected', 'start_date'],
    removed_at: ['removed', 'removal_date', 'closed', 'end_date', 'disconnected'],
    created_at: ['created', 'created_date', 'create_date'],
    updated_at: ['updated', 'modified', 'last_modified', 'update_date', 'updated_date'],
  },
  meters: {
    meter_id: ['meter', 'device', 'device_id', 'meter_no'],
    serial_number: ['serial', 'serial_no', 'meter_number'],
    meter_type: ['type', 'device_type'],
    meter_status: ['status', 'state', 'device_status'],
    meter_category: ['category', 'class', 'rate_class', 'meter_class'],
    service_point_id: [
      'premise_id',
      'premise',
      'prem_no',
      'prem',
      'sp_id',
      'service_point',
      'service_delivery_point_id',
    ],
    installed_at: ['installed', 'install_date', 'fitted', 'fitted_at', 'fitted_epoch', 'start_date'],
    removed_at: ['removed', 'removal_date', 'end_date'],
    created_at: ['created', 'created_date'],
    updated_at: ['updated', 'modified', 'last_modified'],
  },
  intervals: {
    service_point_id: ['premise_id', 'premise', 'prem', 'sp_id', 'service_point', 'service_delivery_point_id'],
    meter_id: ['meter', 'device', 'device_id', 'meter_no'],
    interval_start_ts: [
      'timestamp',
      'start',
      'start_time',
      'interval_start',
      'read_time',
      'read_date',
      'datetime',
      'date',
      'ts',
      'reading_time',
    ],
    duration_seconds: ['duration', 'interval_length', 'seconds', 'length', 'interval_seconds', 'interval'],
    value: ['kwh', 'wh', 'usage', 'reading', 'read_value', 'consumption', 'quantity', 'amount'],
    unit: ['uom', 'units', 'unit_of_measure'],
    direction: ['flow', 'flow_direction'],
    quality: ['quality_code', 'flag', 'quality_flag', 'qc', 'status'],
    channel: ['register', 'channel_id', 'channel_number'],
    last_update_ts: ['last_update_time', 'last_updated', 'updated', 'modified', 'last_modified', 'update_time'],
  },
};

/** Words that name the table rather than the column (`premise_city` → `city`). */
const PREFIXES = /^(service_point|service_delivery_point|premise|prem|sp|meter|device|interval|read)_/;

export function normalize(name: string): string {
  return name
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

export function nameScore(table: StandardTable, modelColumn: string, sourceColumn: string): number {
  const s = normalize(sourceColumn);
  const bare = s.replace(PREFIXES, '');
  const alike = [modelColumn, ...(SAME_AS[table][modelColumn] ?? [])];
  if (s === modelColumn) return 1;
  if (alike.includes(s)) return 0.95;
  if (alike.includes(bare) && bare !== s) return 0.9;
  const d = Math.min(...alike.map((a) => levenshtein(s, a) / Math.max(s.length, a.length)));
  return Math.max(0, 1 - d) * 0.85;
}
