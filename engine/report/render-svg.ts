import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';

/** Renders a Vega-Lite spec to an SVG string in Node (no browser, no canvas): the report inlines it. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
