import { EventEmitter } from 'events';
import { listenForOperatorSignals, OPERATOR_SIGNALS } from '../../lib/cli/operator-signals';

function listen(overrides: { onFirst?: (name: string) => void; echoMs?: number } = {}) {
  const source = new EventEmitter();
  const said: string[] = [];
  const operator = listenForOperatorSignals({
    source: source as never,
    onFirst: overrides.onFirst ?? ((name) => said.push(`first ${name}`)),
    onRepeat: (name, count) => said.push(`repeat ${name} #${count}`),
    echoMs: overrides.echoMs,
  });
  return { source, said, operator };
}

describe('listenForOperatorSignals', () => {
  it.each(OPERATOR_SIGNALS)('aborts on %s, naming it in the reason', (name) => {
    const { source, said, operator } = listen();
    expect(operator.signal.aborted).toBe(false);
    source.emit(name);
    expect(operator.signal.aborted).toBe(true);
    expect((operator.signal.reason as Error).message).toBe(`operator abort (${name})`);
    expect(said).toEqual([`first ${name}`]);
    operator.dispose();
  });

  it('listens for SIGHUP as well as SIGINT and SIGTERM', () => {
    const { source, operator } = listen();
    expect(['SIGINT', 'SIGTERM', 'SIGHUP'].map((n) => source.listenerCount(n))).toEqual([1, 1, 1]);
    operator.dispose();
  });

  it('tells every later signal, of any kind, that it is a repeat and keeps the first reason', () => {
    const { source, said, operator } = listen();
    source.emit('SIGINT');
    source.emit('SIGHUP');
    source.emit('SIGTERM');
    expect(said).toEqual(['first SIGINT', 'repeat SIGHUP #2', 'repeat SIGTERM #3']);
    expect(operator.received()).toBe(3);
    expect((operator.signal.reason as Error).message).toBe('operator abort (SIGINT)');
    operator.dispose();
  });

  it('still aborts when the first notice throws (a terminal that is gone)', () => {
    const { source, operator } = listen({
      onFirst: () => {
        throw Object.assign(new Error('write EIO'), { code: 'EIO' });
      },
    });
    expect(() => source.emit('SIGHUP')).not.toThrow();
    expect(operator.signal.aborted).toBe(true);
    operator.dispose();
  });

  it('leaves no listener behind once disposed, even disposed twice', () => {
    const { source, operator } = listen();
    operator.dispose();
    operator.dispose();
    expect(OPERATOR_SIGNALS.map((n) => source.listenerCount(n))).toEqual([0, 0, 0]);
    source.emit('SIGTERM');
    expect(operator.signal.aborted).toBe(false);
  });

  it("takes the same signal twice within the echo window as one act (npx passing on the terminal's Ctrl-C)", () => {
    const { source, said, operator } = listen({ echoMs: 10_000 });
    source.emit('SIGINT');
    source.emit('SIGINT');
    expect(said).toEqual(['first SIGINT']);
    expect(operator.received()).toBe(1);
    source.emit('SIGTERM');
    expect(said).toEqual(['first SIGINT', 'repeat SIGTERM #2']);
    operator.dispose();
  });
});
