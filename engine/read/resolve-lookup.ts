import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import { column, loadModelTable, type ModelColumn } from '../model/common-model.ts';
import type { HopPlan, LookupPlan } from '../plan/types.ts';
import { didYouMean } from '../util/did-you-mean.ts';
import type { ColumnObject, HopSpec, MappingSpec } from './mapping-types.ts';
import { pathToString, type YamlPath, type YamlSource } from './yaml-source.ts';

/**
 * Columns of a table that a hop can join on, date by or take: the directly mapped ones (columns
 * filled by a join path of their own are computed after the joins and cannot feed another one).
 */
export function mappedColumns(mapping: MappingSpec, table: string): string[] | undefined {
  const spec = (mapping as any)[table];
  if (!spec) return undefined;
  const direct = Object.entries(spec.columns ?? {}).filter(([, v]) => !(v && typeof v === 'object' && 'via' in (v as object)));
  return ['utility_id', ...direct.map(([k]) => k), ...(['intervals'].includes(table) && direct.some(([k]) => k === 'interval_start_ts') ? ['interval_end_ts'] : [])];
}

/** Resolves a `via` join path (one or more hops) into a LookupPlan. */
export function resolveLookup(
  model: ModelColumn,
  spec: ColumnObject,
  table: string,
  path: YamlPath,
  mapping: MappingSpec,
  source: YamlSource,
  diagnostics: Diagnostic[],
): LookupPlan | undefined {
  const n0 = diagnostics.length;
  const at = (p: YamlPath) => ({ at: source.locate(p), path: pathToString(p) });
  const hopsSpec: HopSpec[] = Array.isArray(spec.via) ? spec.via : [spec.via!];
  const viaPath: YamlPath = [...path, 'via'];
  const hopPath = (i: number): YamlPath => (Array.isArray(spec.via) ? [...viaPath, i] : viaPath);
  let localTable = table;
  let localCols = mappedColumns(mapping, table)!;
  const hops: HopPlan[] = [];
  hopsSpec.forEach((h, i) => {
    const remoteCols = mappedColumns(mapping, h.table);
    if (!remoteCols) {
      diagnostics.push(diag('table-not-mapped', { table: h.table }, at([...hopPath(i), 'table'])));
      return;
    }
    const pairs = typeof h.on === 'string' ? [[h.on, h.on]] : Object.entries(h.on);
    const on = pairs.map(([local, remote]) => {
      if (!localCols.includes(local)) diagnostics.push(diag('join-unknown-column', { column: local, table: localTable }, { ...at([...hopPath(i), 'on']), hint: didYouMean(local, localCols) }));
      if (!remoteCols.includes(remote)) diagnostics.push(diag('join-unknown-column', { column: remote, table: h.table }, { ...at([...hopPath(i), 'on']), hint: didYouMean(remote, remoteCols) }));
      return { local, remote };
    });
    const hop: HopPlan = { table: h.table, on };
    if (h.effective) {
      for (const c of h.effective)
        if (!remoteCols.includes(c)) diagnostics.push(diag('join-unknown-column', { column: c, table: h.table }, { ...at([...hopPath(i), 'effective']), hint: didYouMean(c, remoteCols) }));
      const atCol = h.at ?? (i === 0 ? loadModelTable(table).time : undefined);
      if (!atCol || !localCols.includes(atCol)) {
        diagnostics.push(diag('spec-conflict', { detail: `an effective-dated join needs 'at': a timestamp column of ${localTable}` }, at(hopPath(i))));
      } else hop.effective = { from: h.effective[0], until: h.effective[1], at: atCol };
    }
    hops.push(hop);
    localTable = h.table;
    localCols = remoteCols;
  });
  const take = spec.take ?? model.name;
  if (hops.length === hopsSpec.length && !localCols.includes(take)) {
    diagnostics.push(diag('join-unknown-column', { column: take, table: localTable }, { ...at(spec.take ? [...path, 'take'] : path), hint: didYouMean(take, localCols) }));
  }
  const extra = Object.keys(spec).filter((k) => !['via', 'take', 'required'].includes(k));
  if (extra.length) diagnostics.push(diag('spec-conflict', { detail: `'${extra[0]}' cannot be combined with 'via' in ${pathToString(path)}` }, at([...path, extra[0]])));
  if (diagnostics.length > n0) return undefined;
  const takeType = column(loadModelTable(localTable), take)?.type ?? model.type;
  if (takeType !== model.type)
    diagnostics.push(diag('type-mismatch', { detail: `${localTable}.${take} is ${takeType} but ${table}.${model.name} is ${model.type}` }, at(path)));
  return { name: model.name, type: model.type, hops, take, required: spec.required ?? false };
}
