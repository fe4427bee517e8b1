/** Verdicts and the exit codes they map to (DESIGN "Verdicts and exit codes"). */
export type Verdict = 'HELD' | 'VIOLATED' | 'ABORTED' | 'NOT_INJECTED' | 'ERROR';

export const VERDICTS: readonly Verdict[] = ['HELD', 'VIOLATED', 'ABORTED', 'NOT_INJECTED', 'ERROR'];

export const EXIT_CODE = {
  HELD: 0,
  VIOLATED: 1,
  USAGE: 2,
  ABORTED: 3,
  NOT_INJECTED: 4,
  ERROR: 5,
} as const;

export type ExitCode = (typeof EXIT_CODE)[keyof typeof EXIT_CODE];

export function exitCodeOf(verdict: Verdict): ExitCode {
  return EXIT_CODE[verdict];
}

/** The worst of several verdicts: the one with the highest exit code; HELD for none. */
export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((worst, v) => (EXIT_CODE[v] > EXIT_CODE[worst] ? v : worst), 'HELD');
}
