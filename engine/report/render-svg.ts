import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View, type Runtime } from 'vega';

/** Parsed specs by their JSON: a chart drawn many times (a trend per rule) is compiled once. */
const parsed = new Map<string, Runtime>();

/**
 * Renders a Vega-Lite spec to an SVG string in Node (no browser, no canvas): the report inlines it.
 * `data` fills the spec's named data sets (`data: { name }`), so specs that differ only in their
 * data share one compiled form.
 */
export async function renderSvg(spec: TopLevelSpec, data: Record<string, object[]> = {}): Promise<string> {
  const key = JSON.stringify(spec);
  let runtime = parsed.get(key);
  if (!runtime) parsed.set(key, (runtime = parse(compile(spec).spec)));
  const view = new View(runtime, { renderer: 'none' });
  for (const [name, values] of Object.entries(data)) view.data(name, values);
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
