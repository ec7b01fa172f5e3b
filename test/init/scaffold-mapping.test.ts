import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';
import { sniffFile } from '../../engine/init/sniff-file.ts';
import { guessTimestamp } from '../../engine/init/sniff-values.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** The three sample layouts: the scaffolded mapping validates and runs, with this many TODOs. */
const LAYOUTS = [
  {
    dir: 'data/raw/utility1',
    utility: 'UTILITY1',
    todos: 8,
    read: { service_points: 1000, meters: 2895, intervals: 20000 },
  },
  {
    dir: 'data/raw/utility2',
    utility: 'UTILITY2',
    todos: 8,
    read: { service_points: 856, meters: 2668, intervals: 43000 },
  },
  {
    dir: 'test/fixtures/utility3',
    utility: 'UTILITY3',
    todos: 7,
    read: { service_points: 3, meters: 4, intervals: 31 },
  },
];

describe('gridflow init on the sample layouts', () => {
  for (const l of LAYOUTS) {
    it(`${l.dir}: a mapping that validates and runs, ${l.todos} TODOs`, async () => {
      const t = tempDir();
      const mapping = path.join(t.dir, 'mappings', `${l.utility.toLowerCase()}.yaml`);
      const init = await cli('init', path.join(root, l.dir), '--utility', l.utility, '--out', mapping);
      expect(init.code, init.err).toBe(0);
      const yaml = readFileSync(mapping, 'utf8');
      expect(yaml.match(/# TODO/g)?.length).toBe(l.todos);
      expect(init.out).toContain(`${l.todos} TODO(s)`);
      const validate = await cli('validate', mapping);
      expect(validate.err).toBe('');
      expect(validate.code).toBe(0);
      const run = await cli(
        'run',
        '--mapping',
        mapping,
        '--out',
        path.join(t.dir, 'out'),
        '--no-rules',
        '--json',
        '-q',
      );
      expect(run.code, run.err).toBe(0);
      const accounts = JSON.parse(run.out).accounts as { table: string; read: number }[];
      expect(Object.fromEntries(accounts.map((a) => [a.table, a.read]))).toEqual(l.read);
    });
  }

  it('utility3: Latin-1 and `;` sniffed, the hour-ending add, Wh scaled, the service point via the meter', async () => {
    const t = tempDir();
    const mapping = path.join(t.dir, 'u3.yaml');
    await cli('init', path.join(root, 'test/fixtures/utility3'), '--utility', 'UTILITY3', '--out', mapping);
    const yaml = readFileSync(mapping, 'utf8');
    expect(yaml).toContain('csv: { delimiter: ;, encoding: latin-1 }');
    expect(yaml).toMatch(/source: .*test\/fixtures\/utility3\/reads\/\*\.csv/);
    expect(yaml).toContain(
      'interval_start_ts: { from: read_date, format: iso8601, add: { from: hour_ending, unit: hours, base: 1 } }',
    );
    expect(yaml).toContain('value: { from: wh, scale: 0.001 }');
    expect(yaml).toContain("1 value(s) of the sample are not numbers (e.g. 'NaNx')");
    expect(yaml).toContain('service_point_id: { via: { table: meters, on: meter_id } }');
    expect(yaml).toContain('meter_status: { from: state, map: { A: A, R: R } } # TODO map stub');
    expect(yaml).toContain('installed_at: { from: fitted_epoch, format: epoch_seconds }');
  });

  it('takes files and globs as well as a folder', async () => {
    const t = tempDir();
    const mapping = path.join(t.dir, 'u3.yaml');
    const u3 = path.join(root, 'test/fixtures/utility3');
    const r = await cli(
      'init',
      `${u3}/premises.txt`,
      `${u3}/devices.csv`,
      `${u3}/reads/*.csv`,
      '--utility',
      'UTILITY3',
      '--out',
      mapping,
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('3 table(s), 7 TODO(s)');
    expect((await cli('validate', mapping)).code).toBe(0);
  });

  it('does not overwrite a file, and says when no file looks like a table', async () => {
    const t = tempDir();
    const existing = t.write('x.yaml', 'utility: X\n');
    expect(
      (await cli('init', path.join(root, 'test/fixtures/utility3'), '--utility', 'X', '--out', existing)).code,
    ).toBe(2);
    t.write('odd/notes.csv', 'alpha,beta\n1,2\n');
    const r = await cli('init', path.join(t.dir, 'odd'), '--utility', 'X', '--out', path.join(t.dir, 'y.yaml'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('[init-no-tables]');
  });
});

describe('sniffing', () => {
  it('reads the BOM, encoding, delimiter, quoting and a missing header', () => {
    const t = tempDir();
    const bom = sniffFile(
      t.write('a.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id|name\n1|"a|b"\n2|c\n')])),
    );
    expect(bom).toMatchObject({
      bom: true,
      encoding: 'utf-8',
      delimiter: '|',
      header: true,
      columns: ['id', 'name'],
      rows: [
        ['1', 'a|b'],
        ['2', 'c'],
      ],
    });
    const latin = sniffFile(t.write('b.csv', Buffer.from('P1\tMontr\xe9al\nP2\tTroy\n', 'latin1')));
    expect(latin).toMatchObject({ encoding: 'latin-1', delimiter: '\t', header: true });
    const noHeader = sniffFile(t.write('c.csv', '20250101,0.5\n20250102,0.7\n'));
    expect(noHeader).toMatchObject({ header: false, columns: ['col1', 'col2'] });
  });

  it('tries timestamp formats against the values', () => {
    expect(guessTimestamp(['2025-02-02T06:15:00-05:00'], 'timestamp')?.format).toBe('iso8601');
    expect(guessTimestamp(['20250205', '20251231'], 'day')).toMatchObject({ format: '%Y%m%d', dateOnly: true });
    expect(guessTimestamp(['03.04.2019', '15.11.2020'], 'OPENED')?.format).toBe('%d.%m.%Y');
    expect(guessTimestamp(['3/9/2025', '12/1/2025'], 'd')).toMatchObject({ format: '%m/%d/%Y', ambiguous: true });
    expect(guessTimestamp(['13/9/2025'], 'd')).toMatchObject({ format: '%d/%m/%Y', ambiguous: false });
    expect(guessTimestamp(['1546300800'], 'fitted_epoch')?.format).toBe('epoch_seconds');
    expect(guessTimestamp(['hello'], 'x')).toBeUndefined();
  });
});
