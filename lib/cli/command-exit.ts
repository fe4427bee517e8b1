/**
 * Exit codes of the commands that judge no drill (preflight, stop, doctor, history, schema,
 * list), named for what they mean there; the numbers are those of DESIGN "Verdicts and exit
 * codes", so a script sees the same code for the same kind of outcome whichever command it ran.
 */
import { EXIT_CODE } from '../runner/verdict';

export const COMMAND_EXIT = {
  /** Everything asked was done, every check passed (0). */
  OK: EXIT_CODE.HELD,
  /** It ran, and a check or finding failed (1). */
  FAILED: EXIT_CODE.VIOLATED,
  /** Bad arguments, an unknown name, an unreadable input file (2). */
  USAGE: EXIT_CODE.USAGE,
  /** The operator did not confirm: nothing was changed (3, as `run` when not confirmed). */
  NOT_CONFIRMED: EXIT_CODE.ABORTED,
  /** AWS (or the evidence folder) could not be read, or refused or did not finish what was asked (5). */
  UNREACHABLE: EXIT_CODE.ERROR,
} as const;
