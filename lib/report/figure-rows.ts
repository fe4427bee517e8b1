/** Every figure a run measured, in the catalogue's order, as (words, name, value in its unit). Pure. */
import { FIGURE_NAMES } from '../drill/figures';
import type { Journal } from '../runner/journal';
import { figureLabel } from './figure-label';
import { formatFigure } from './format-figure';

export function figureRows(journal: Journal): [string, string, string][] {
  const f = (journal.figures ?? {}) as Record<string, number>;
  const known = FIGURE_NAMES as readonly string[];
  const names = [...known.filter((n) => n in f), ...Object.keys(f).filter((n) => !known.includes(n))];
  return names.map((n) => [figureLabel(n), n, formatFigure(n, f[n])]);
}
