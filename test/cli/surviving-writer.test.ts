import { Writable } from 'stream';
import { survivingWriter } from '../../lib/cli/surviving-writer';

/** A stream whose reader is gone: every write fails as a closed pipe's does. */
function closedPipe(): Writable & { attempts: number } {
  const stream = new Writable({
    write(_chunk, _encoding, callback) {
      stream.attempts += 1;
      callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    },
  }) as Writable & { attempts: number };
  stream.attempts = 0;
  return stream;
}

describe('survivingWriter', () => {
  it('passes text through while the stream works', () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk.toString());
        callback();
      },
    });
    const write = survivingWriter(stream);
    write('stopping the experiment\n');
    expect(chunks).toEqual(['stopping the experiment\n']);
  });

  it('turns a failed write (EPIPE) into dropped text instead of an unhandled error event', async () => {
    const stream = closedPipe();
    const write = survivingWriter(stream);
    write('first\n');
    // The error event comes on a later tick; without the writer's listener it would be thrown.
    await new Promise((r) => setImmediate(r));
    expect(stream.destroyed).toBe(true);
    expect(() => write('second\n')).not.toThrow();
    await new Promise((r) => setImmediate(r));
    expect(stream.attempts).toBe(1);
  });

  it('drops text when write itself throws', () => {
    const stream = new Writable();
    stream.write = () => {
      throw Object.assign(new Error('write EIO'), { code: 'EIO' });
    };
    const write = survivingWriter(stream);
    expect(() => write('a\n')).not.toThrow();
    expect(() => write('b\n')).not.toThrow();
  });
});
