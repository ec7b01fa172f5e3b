import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.ts';

/**
 * The package as users get it: `npm pack` (which builds dist/ through `prepare`), installed into an
 * empty folder with its dependencies from the registry; there the `gridflow` command and the API
 * run on a small mapping of the folder, from the compiled JavaScript only, and the JSON Schemas
 * resolve for editors. The only test that runs dist/: every other test runs the TypeScript sources
 * in-process, so none of them can see a stale build. Needs the npm registry (or a warm npm cache);
 * GRIDFLOW_SKIP_PACK_TEST=1 skips it on a machine without either (CI never sets it).
 */
const root = path.resolve(import.meta.dirname, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs a program without blocking the test worker (a blocked worker loses its link to vitest). */
async function exec(
  file: string,
  args: string[],
  cwd: string,
): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
    return { status: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { status: typeof x.code === 'number' ? x.code : -1, stdout: x.stdout ?? '', stderr: x.stderr ?? String(e) };
  }
}

const MAPPING = `# yaml-language-server: $schema=node_modules/gridflow/schemas/mapping.schema.json
utility: TINY
timezone: America/New_York
service_points:
  source: raw/premises.csv
  columns:
    service_point_id: PREMISE
    city: CITY
meters:
  source: raw/meters.csv
  columns:
    meter_id: METER
    service_point_id: PREMISE
intervals:
  source: raw/reads.csv
  columns:
    meter_id: METER
    service_point_id: PREMISE
    interval_start_ts: { from: START, format: "%Y-%m-%d %H:%M" }
    duration_seconds: { const: 900 }
    value: KWH
    unit: { const: kWh }
    direction: { const: delivered }
`;

describe.skipIf(process.env.GRIDFLOW_SKIP_PACK_TEST === '1')('npm pack, installed into an empty folder', () => {
  it('gives a working `gridflow run`, the API with its types, and the schemas', { timeout: 300_000 }, async () => {
    const t = tempDir('gridflow-pack-');
    const pack = await exec(npm, ['pack', '--json', '--pack-destination', t.dir], root);
    expect(pack.status, pack.stderr).toBe(0);
    const packed = JSON.parse(pack.stdout);
    const files = (packed[0].files as { path: string }[]).map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'bin/gridflow.js',
        'dist/cli/main.js',
        'dist/api/index.d.ts',
        'schemas/mapping.schema.json',
        'dq/rules.yaml',
        'dist/engines/spark/runner.py',
        'requirements-spark.txt',
        'bin/setup-spark.sh',
      ]),
    );
    expect(
      files.filter((f) => /^(engine|test|data|bench)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts'))),
    ).toEqual([]);

    const app = path.join(t.dir, 'app');
    t.write('app/package.json', JSON.stringify({ name: 'app', private: true, type: 'module' }));
    t.write('app/raw/premises.csv', 'PREMISE,CITY\nP1,Albany\nP2,Troy\n');
    t.write('app/raw/meters.csv', 'METER,PREMISE\nM1,P1\nM2,P2\n');
    t.write(
      'app/raw/reads.csv',
      'METER,PREMISE,START,KWH\nM1,P1,2025-03-01 00:00,0.5\nM1,P1,2025-03-01 00:15,0.7\nM2,P2,2025-03-01 00:00,1.25\n',
    );
    t.write('app/tiny.yaml', MAPPING);
    const tarball = path.join(t.dir, packed[0].filename);
    const install = await exec(npm, ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline'], app);
    expect(install.status, install.stderr).toBe(0);

    const gridflow = (...args: string[]) => exec(path.join(app, 'node_modules/.bin/gridflow'), args, app);
    expect((await gridflow('--help')).stdout).toContain('Usage: gridflow');
    const run = await gridflow('run', '--mapping', 'tiny.yaml', '--out', 'out');
    expect(run.stderr).not.toContain('error');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/TINY\s+intervals\s+3\s+3\s+0/);
    expect(
      readdirSync(path.join(app, 'out/current/standardized/intervals/utility_id=TINY')).some((f) => f.endsWith('.parquet')),
    ).toBe(true);
    // No loader at run time: the installed package holds no TypeScript sources and no tsx.
    expect(existsSync(path.join(app, 'node_modules/tsx'))).toBe(false);

    const api = `import { readMapping, run } from 'gridflow';
      const { plan } = readMapping('tiny.yaml');
      const r = await run([plan], { outDir: 'out-api', rules: false });
      console.log(JSON.stringify({ rows: r.accounts.map((a) => a.written), schema: import.meta.resolve('gridflow/schemas/mapping.schema.json') }));`;
    const viaApi = await exec(process.execPath, ['--input-type=module', '-e', api], app);
    expect(viaApi.status, viaApi.stderr).toBe(0);
    const out = JSON.parse(viaApi.stdout);
    expect(out.rows).toEqual([2, 2, 3]);
    expect(existsSync(new URL(out.schema))).toBe(true);

    // The declarations type-check a consumer that imports the API (no skipLibCheck).
    t.write(
      'app/use.ts',
      `import { readMapping, run, type RunResult } from 'gridflow';\nconst r: Promise<RunResult> = run(readMapping('x.yaml').plan ? ['x.yaml'] : []);\nvoid r;\n`,
    );
    t.write(
      'app/tsconfig.json',
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          strict: true,
          noEmit: true,
          // The declarations name Node's own types (Buffer for the pseudonym key): a consumer has them.
          types: ['node'],
          typeRoots: [path.join(root, 'node_modules/@types')],
        },
        files: ['use.ts'],
      }),
    );
    const tsc = await exec(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', '.'], app);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});
