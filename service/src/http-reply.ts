import type { ServerResponse } from 'http';

/** A small JSON response; `close` adds `Connection: close`. */
export function sendJson(res: ServerResponse, status: number, body: unknown, close = false): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' };
  if (close) headers.Connection = 'close';
  res.writeHead(status, headers);
  res.end(text);
}

/** Header values must be visible ASCII; anything else becomes '_'. */
export function headerSafe(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, '_');
}
