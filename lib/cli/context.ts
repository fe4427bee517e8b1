/** What every command gets: where output goes, and a place to report its exit code. */
import type { IoHost } from './io-host';

export interface CliContext {
  /** The output port's host (terminal-io-host.ts in the process, recording-io-host.ts in tests). */
  readonly io: IoHost;
  /** The command's exit code (bin/drills.ts sets process.exitCode from it). */
  setExitCode(code: number): void;
}
