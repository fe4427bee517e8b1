/**
 * A Vega-Lite spec → an SVG string, rendered in this process (Vega's headless renderer: no
 * browser, no canvas, no network — the spec's data is inline). Pure computation; rejects with
 * Vega's error when the spec is invalid.
 */
import type * as Vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';

/** Type a little larger than Vega's default, so a chart scaled down to a phone's width stays legible. */
const CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  axis: { labelFontSize: 11, titleFontSize: 11 },
  legend: { labelFontSize: 11, labelLimit: 320 },
  title: { fontSize: 14, subtitleFontSize: 11 },
};

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  // Loaded on first use: Vega takes a good part of a second to load, which every CLI start would pay.
  const vega = await import('vega');
  const { compile } = await import('vega-lite');
  const { spec: compiled } = compile({ background: 'white', config: CONFIG, ...spec } as TopLevelSpec);
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: refuseLoading(vega) });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** A loader that loads nothing: a chart whose spec asks for a file or URL fails instead of reaching out. */
function refuseLoading(vega: typeof Vega): Vega.Loader {
  const loader = vega.loader();
  const refuse = async (uri: string): Promise<never> => {
    throw new Error(`a report chart carries its data inline; refused to load '${uri}'`);
  };
  loader.load = refuse;
  loader.sanitize = refuse;
  return loader;
}
