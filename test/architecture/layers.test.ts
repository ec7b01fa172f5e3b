import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The folders of engine/, lowest first. A file may import only from its own folder or a lower one:
 * no folder reaches sideways or up. The read half (read/) and the run half (compile/ … run/) meet
 * only in the plan.
 */
const LAYERS = [
  'util',
  'time',
  'diagnostics',
  'model',
  'plan',
  'sql',
  'expr',
  'engines',
  'read',
  'init',
  'stages',
  'compile',
  'dq',
  'run',
  'query',
  'report',
  'cli',
  'api',
];

const root = path.resolve(import.meta.dirname, '../../engine');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^(?:import|export)[^'";]*?from\s+'(\.[^']+)'/gm)].map((m) => m[1]);
  return specs.map((s) => path.resolve(path.dirname(file), s));
}

const folderOf = (file: string) => path.relative(root, file).split(path.sep)[0];

describe('engine layers', () => {
  const files = sources(root);

  it('every folder has a place in the layer order', () => {
    const folders = new Set(files.map(folderOf).filter((f) => !f.endsWith('.ts')));
    expect([...folders].filter((f) => !LAYERS.includes(f))).toEqual([]);
  });

  it('no file imports from a folder beside or above its own', () => {
    const bad: string[] = [];
    for (const f of files) {
      const from = LAYERS.indexOf(folderOf(f));
      for (const target of imports(f)) {
        const to = LAYERS.indexOf(folderOf(target));
        if (to > from || (to === from && folderOf(target) !== folderOf(f))) {
          bad.push(`${path.relative(root, f)} → ${path.relative(root, target)}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('no import circles between files', () => {
    const graph = new Map(files.map((f) => [f, imports(f).filter((t) => t.startsWith(root))]));
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (f: string, trail: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        circles.push([...trail.slice(trail.indexOf(f)), f].map((x) => path.relative(root, x)).join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const t of graph.get(f) ?? []) visit(t, [...trail, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    expect(circles).toEqual([]);
  });
});
