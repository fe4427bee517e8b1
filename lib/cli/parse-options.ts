/** Option parsers shared by the commands (commander turns their errors into exit 2). */
import { InvalidArgumentError } from 'commander';

/** A whole number ≥ 0 (seconds, ms, a count). */
export const wholeNumber =
  (name: string) =>
  (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number ≥ 0, got '${v}'`);
    return n;
  };
