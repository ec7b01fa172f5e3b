import path from 'node:path';
import { STANDARD_TABLES, type StandardTable } from '../model/common-model.ts';
import { nameScore } from './column-names.ts';
import type { SniffedFile } from './sniff-file.ts';

/** Files of one layout in one folder: one `source` (a glob when there are several). */
export interface FileGroup {
  files: SniffedFile[];
  /** The first file stands for the group. */
  sample: SniffedFile;
}

export interface TableGuess {
  table: StandardTable;
  group: FileGroup;
  /** Another table fitted this group almost as well. */
  unsure: boolean;
}

export function groupFiles(files: SniffedFile[]): FileGroup[] {
  const groups = new Map<string, SniffedFile[]>();
  for (const f of files) {
    const key = [path.dirname(f.file), f.delimiter, f.encoding, f.columns.join('\u0001')].join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()].map((fs) => ({ files: fs, sample: fs[0] }));
}

/** Columns that tell the tables apart, and words in file names. */
const SIGNATURE: Record<StandardTable, string[]> = {
  service_points: ['service_point_id', 'house_num', 'street', 'city', 'zip', 'state'],
  meters: ['meter_id', 'serial_number', 'meter_type', 'meter_status', 'meter_category', 'installed_at'],
  intervals: ['interval_start_ts', 'duration_seconds', 'value', 'channel', 'quality', 'unit'],
};
const FILE_WORDS: Record<StandardTable, RegExp> = {
  service_points: /premise|service.?point|site|location|address|prem/i,
  meters: /meter|device/i,
  intervals: /interval|reads?\b|reading|usage|consumption|load/i,
};

export function tableScore(table: StandardTable, g: FileGroup): number {
  const byName = SIGNATURE[table].reduce(
    (a, c) => a + Math.max(0, ...g.sample.columns.map((s) => nameScore(table, c, s))),
    0,
  );
  // The folder counts too: reads/2025-03-09.csv is a reads file.
  const where = g.files.map((f) => path.join(path.basename(path.dirname(f.file)), path.basename(f.file))).join(' ');
  return byName + (FILE_WORDS[table].test(where) ? 2 : 0);
}

/** Each table gets the group that fits it best (a group serves one table), best fits first. */
export function guessTables(groups: FileGroup[]): TableGuess[] {
  const scored = groups.flatMap((g) => STANDARD_TABLES.map((table) => ({ table, g, score: tableScore(table, g) })));
  scored.sort((a, b) => b.score - a.score);
  const out: TableGuess[] = [];
  for (const s of scored) {
    if (s.score < 2 || out.some((o) => o.table === s.table || o.group === s.g)) continue;
    const others = scored.filter((x) => x.g === s.g && x.table !== s.table).map((x) => x.score);
    out.push({ table: s.table, group: s.g, unsure: s.score - Math.max(0, ...others) < 1 });
  }
  return STANDARD_TABLES.flatMap((t) => out.filter((o) => o.table === t));
}
