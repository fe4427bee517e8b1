import { readFileSync } from 'node:fs';
import { constants } from 'node:os';

/**
 * PID 1 of a container (without an init process) only receives the signals it installed a
 * handler for; the kernel drops the others — which is how `sh -c "app"` as PID 1 swallows
 * SIGTERM. Locally a task's main process is not PID 1, so the engine asks the kernel whether
 * the process catches the signal (`SigCgt` in /proc/<pid>/status) and drops it if not.
 * SIGKILL is always delivered. Undefined when /proc cannot tell (not Linux, process gone).
 */
export function catchesSignal(pid: number, signal: NodeJS.Signals): boolean | undefined {
  const number = constants.signals[signal];
  if (number === undefined) return undefined;
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const match = /^SigCgt:\s*([0-9a-f]+)$/im.exec(status);
  if (!match) return undefined;
  return (BigInt(`0x${match[1]}`) & (1n << BigInt(number - 1))) !== 0n;
}
