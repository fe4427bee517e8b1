/**
 * A plain-text table (columns two spaces apart, no borders) that fits a terminal's width: when
 * the natural width is too wide, the last column (the free text: a hypothesis, key figures) is
 * wrapped at spaces, never inside a word, and its continuation lines start under it. A word
 * longer than the room left is kept whole (the line runs over rather than the word being cut).
 *
 * Width counts grapheme clusters (Intl.Segmenter), so `é` or `—` is one column; East Asian wide
 * characters and emoji, two columns on most terminals, are counted as one.
 */

/** The width tables fit when the terminal's is not known (stdout is not a terminal). */
export const DEFAULT_COLUMNS = 100;

const GAP = '  ';
/** The last column keeps at least this many columns, however narrow the terminal. */
const MIN_LAST_COLUMN = 20;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const widthOf = (text: string): number => [...graphemes.segment(text)].length;

/** `text` as lines of at most `width` columns, broken at spaces only. */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && widthOf(line) + 1 + widthOf(word) > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return lines.length > 0 || line ? [...lines, line] : [''];
}

/**
 * `rows` (the header first) as text, one line per row plus the wrapped lines, each ending in a
 * newline; `width` is the terminal's columns. Cells of every column but the last are padded to
 * the column's widest cell; the last is not padded.
 */
export function fitTable(rows: readonly (readonly string[])[], width: number): string {
  if (rows.length === 0) return '';
  const columns = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(...rows.map((r) => widthOf(r[i] ?? ''))));
  const lead = widths.slice(0, -1).reduce((sum, w) => sum + w + GAP.length, 0);
  const longestWord = Math.max(0, ...rows.flatMap((r) => (r[columns - 1] ?? '').split(/\s+/).map(widthOf)));
  const room = Math.max(width - lead, MIN_LAST_COLUMN, longestWord);
  const pad = (cell: string, i: number): string => cell + ' '.repeat(widths[i] - widthOf(cell));
  const out: string[] = [];
  for (const row of rows) {
    const cells = Array.from({ length: columns }, (_, i) => row[i] ?? '');
    const last = lead + widths[columns - 1] > width ? wrapWords(cells[columns - 1], room) : [cells[columns - 1]];
    out.push([...cells.slice(0, -1).map(pad), last[0]].join(GAP));
    for (const more of last.slice(1)) out.push(' '.repeat(lead) + more);
  }
  return `${out.join('\n')}\n`;
}
