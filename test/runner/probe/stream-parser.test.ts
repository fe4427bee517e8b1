import { streamParser } from '../../../lib/runner/probe/stream-parser';

describe('the stream parser', () => {
  it('counts SSE events and sees the end marker, even split across chunks', () => {
    const p = streamParser('sse', '[DONE]');
    expect(p.push('data: {"a":1}\n\nda')).toBe(1);
    expect(p.push('ta: {"a":2}\n\ndata: [DO')).toBe(1);
    expect(p.sawDone).toBe(false);
    expect(p.push('NE]\n\n')).toBe(0);
    expect(p.sawDone).toBe(true);
  });

  it('reads NDJSON lines and an end marker given as a JSON object whose fields a line carries', () => {
    const p = streamParser('ndjson', '{"done": true}');
    expect(p.push('{"response":"a","done":false}\n{"response":"b","done":false}\n')).toBe(2);
    expect(p.sawDone).toBe(false);
    p.push('{"response":"","done":true,"total_duration":5}\n');
    expect(p.sawDone).toBe(true);
  });

  it('fails to see an NDJSON end marker that a line only resembles', () => {
    const p = streamParser('ndjson', '{"done": true}');
    p.push('{"done":"true"}\n');
    expect(p.sawDone).toBe(false);
  });

  it('reads raw bytes: each chunk an event, the end marker at the end of the body', () => {
    const p = streamParser('raw', 'END');
    expect(p.push('some bytes')).toBe(1);
    p.push(' and END\n');
    expect(p.sawDone).toBe(true);
  });
});
