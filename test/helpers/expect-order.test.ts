import { expectEvery } from './expect-every';
import { expectOrder } from './expect-order';

describe('expectOrder', () => {
  it('passes when the first event happened and the second followed it', () => {
    expect(() => expectOrder(['start', 'a', 'b'], 'a', 'b')).not.toThrow();
    expect(() =>
      expectOrder(
        [{ k: 'x' }, { k: 'y' }],
        (e) => e.k === 'x',
        (e) => e.k === 'y',
      ),
    ).not.toThrow();
  });

  it('fails when the first event is missing, where indexOf(a) < indexOf(b) would pass', () => {
    expect(() => expectOrder(['b'], 'a', 'b')).toThrow(/"a" never happened in \["b"\]/);
  });

  it('fails when the second event never happened', () => {
    expect(() => expectOrder(['a'], 'a', 'b')).toThrow(/"b" never happened/);
  });

  it('fails when the second event happened only before the first', () => {
    expect(() => expectOrder(['b', 'a'], 'a', 'b')).toThrow(/"b" happened only before it \(at 0, first at 1\)/);
  });
});

describe('expectEvery', () => {
  it('passes when the list has items and every one matches', () => {
    expect(() => expectEvery([1, 2], (n) => n > 0, 'numbers')).not.toThrow();
  });

  it('fails on an empty list, where [].every(p) would pass', () => {
    expect(() => expectEvery([], () => true, 'streams')).toThrow(/every one of streams .* but there were none/);
  });

  it('fails naming the first item that does not match', () => {
    expect(() => expectEvery([{ done: true }, { done: false }], (r) => r.done, 'streams')).toThrow(/item 1 does not: \{"done":false\}/);
  });
});
