/**
 * The shell every HTML page of the evidence uses: one self-contained document — styles inline,
 * no script, no font, image or other URL — with a Content-Security-Policy that forbids the page
 * from loading anything, readable on a phone (viewport, charts scale to the width) and printable.
 * Pure.
 */

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Vega numbers its clip paths per render (`clip4`): SVGs inlined side by side need ids of their own. */
export function scopeSvgIds(svg: string, prefix: string): string {
  return svg.replace(/ id="([^"]+)"/g, ` id="${prefix}$1"`).replace(/url\(#([^)]+)\)/g, `url(#${prefix}$1)`);
}

const STYLE = `
:root { color-scheme: light; }
body { font: 15px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328; margin: 0 auto; max-width: 960px; padding: 12px 16px 40px; }
h1 { font-size: 1.5em; margin: .4em 0; } h2 { font-size: 1.2em; margin: 1.6em 0 .5em; border-bottom: 1px solid #d0d7de; padding-bottom: .2em; }
.verdict { display: inline-block; padding: .15em .6em; border-radius: 4px; color: #fff; font-weight: 700; letter-spacing: .03em; }
.HELD { background: #1a7f37; } .VIOLATED { background: #cf222e; } .ABORTED { background: #9a6700; } .NOT_INJECTED, .ERROR, .UNFINISHED { background: #6e7781; }
.meta { color: #57606a; margin: .2em 0; }
table { border-collapse: collapse; width: 100%; font-size: .92em; }
th, td { border: 1px solid #d0d7de; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; }
figure { margin: 1em 0; page-break-inside: avoid; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { color: #57606a; font-size: .9em; }
.bad { color: #cf222e; font-weight: 600; } .ok { color: #1a7f37; } .nj { color: #6e7781; }
code { font-size: .9em; background: #f6f8fa; padding: 0 .2em; border-radius: 3px; }
@media (max-width: 600px) { body { font-size: 14px; padding: 8px; } th, td { padding: 3px 4px; } }
@media print { body { max-width: none; padding: 0; } h2 { page-break-after: avoid; break-after: avoid; } .scroll { overflow: visible; } a { color: inherit; } }
`;

export function htmlPage(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
