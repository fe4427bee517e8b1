/** Peak resident memory of a process from /proc (Linux), and a reset so each benchmark sees its own peak. */
import * as fs from 'fs';

/** VmHWM of `pid` in MiB; NaN where /proc is missing or the process is gone. */
export function peakRssMiB(pid: number | 'self'): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * Sets this process's peak back to its current RSS (writing 5 to clear_refs, Linux 4.0+), so a
 * benchmark that runs after a heavier one does not report the other's peak. Best effort: false
 * when the kernel refuses, and the figure then covers the bench run so far.
 */
export function resetPeakRss(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}
