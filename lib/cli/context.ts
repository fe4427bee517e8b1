/** What every command gets: where output goes, and a place to report its exit code. */
import type { CommandIo } from './commands/preflight';

export interface CliContext {
  readonly io: CommandIo;
  /** The command's exit code (bin/drills.ts sets process.exitCode from it). */
  setExitCode(code: number): void;
}
