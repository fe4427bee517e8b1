/**
 * A Vega-Lite spec → an SVG string, rendered in this process (Vega's headless renderer: no
 * browser, no canvas, no network — the spec's data is inline). Pure computation; rejects with
 * Vega's error when the spec is invalid.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { spec: compiled } = compile({ background: 'white', config: { font: 'Helvetica, Arial, sans-serif' }, ...spec } as TopLevelSpec);
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: refuseLoading() });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** A loader that loads nothing: a chart whose spec asks for a file or URL fails instead of reaching out. */
function refuseLoading(): vega.Loader {
  const loader = vega.loader();
  const refuse = async (uri: string): Promise<never> => {
    throw new Error(`a report chart carries its data inline; refused to load '${uri}'`);
  };
  loader.load = refuse;
  loader.sanitize = refuse;
  return loader;
}
