/** One JSON object per line on stdout: the service's only output. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

// A closed stdout (the reader went away) must never crash the service.
process.stdout.on('error', () => undefined);

export function log(event: string, fields: LogFields = {}): void {
  process.stdout.write(`${JSON.stringify({ ts: new Date().toISOString(), event, ...fields })}\n`);
}
