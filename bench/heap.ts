/** Heap in use after a full collection, for memory-per-item figures. */
import * as v8 from 'v8';
import * as vm from 'vm';

// `node dist/bench/run.js` starts without --expose-gc; the flag can still be turned on from inside.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

export function heapAfterGcBytes(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Bytes retained per item: heap while `items` is held, minus heap once `drop` released them. */
export function bytesPerItem(count: number, drop: () => void): number {
  const held = heapAfterGcBytes();
  drop();
  return count === 0 ? NaN : (held - heapAfterGcBytes()) / count;
}
