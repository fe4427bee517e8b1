/**
 * Reads a stream's body as it arrives, in the profile's format, and says how many events came
 * and whether the end marker was seen. Pure (no I/O): feed it chunks.
 * - sse: events are frames split by a blank line; a frame's `data:` lines joined by "\n" are its
 *   payload; the payload equal to `done` ends the stream.
 * - ndjson: each non-empty line is an event; a line equal to `done`, or (when `done` is a JSON
 *   object) a JSON object carrying each of its fields with the same value, ends it.
 * - raw: each chunk is an event; the body ending with `done` (trailing whitespace aside) ends it.
 */
export interface StreamParser {
  /** Feeds a chunk; returns the number of new events in it. */
  push(chunk: string): number;
  readonly sawDone: boolean;
}

export function streamParser(format: 'sse' | 'ndjson' | 'raw', done: string | undefined): StreamParser {
  if (format === 'raw') return rawParser(done);
  const isDone = format === 'sse' ? (payload: string) => payload.trim() === done : ndjsonDoneMatcher(done);
  let buffer = '';
  let sawDone = false;
  const separator = format === 'sse' ? '\n\n' : '\n';
  return {
    get sawDone() {
      return sawDone;
    },
    push(chunk: string): number {
      // Lines may end in CRLF or CR as well as LF; a CR at the very end may be half a CRLF, so it waits.
      buffer = (buffer + chunk).replace(/\r\n|\r(?=[\s\S])/g, '\n');
      let events = 0;
      let at: number;
      while ((at = buffer.indexOf(separator)) >= 0) {
        const unit = buffer.slice(0, at);
        buffer = buffer.slice(at + separator.length);
        const payload = format === 'sse' ? ssePayload(unit) : unit.trim() === '' ? undefined : unit;
        if (payload === undefined) continue;
        if (done !== undefined && isDone(payload)) sawDone = true;
        else events += 1;
      }
      return events;
    },
  };
}

function ssePayload(frame: string): string | undefined {
  const data = frame
    .split('\n')
    .filter((l) => l.startsWith('data:'))
    .map((l) => l.slice(5).replace(/^ /, ''));
  return data.length === 0 ? undefined : data.join('\n');
}

function ndjsonDoneMatcher(done: string | undefined): (line: string) => boolean {
  const want = done === undefined ? undefined : parseObject(done);
  return (line) => {
    if (line.trim() === done?.trim()) return true;
    if (want === undefined) return false;
    const got = parseObject(line);
    return got !== undefined && Object.entries(want).every(([k, v]) => JSON.stringify(got[k]) === JSON.stringify(v));
  };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function rawParser(done: string | undefined): StreamParser {
  let tail = '';
  const keep = Math.max(64, (done?.length ?? 0) * 2);
  return {
    get sawDone() {
      return done !== undefined && tail.trimEnd().endsWith(done);
    },
    push(chunk: string): number {
      tail = (tail + chunk).slice(-keep);
      return chunk.length > 0 ? 1 : 0;
    },
  };
}
