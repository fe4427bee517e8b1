/**
 * Where the CLI's output lands. Commands never write to a stream: they hand levelled messages to
 * an IoHost (the way aws-cdk-cli's toolkit-lib hands its messages to an IO host). The process's
 * host (terminal-io-host.ts) puts `result` on stdout and every other level on stderr; a test's
 * host (recording-io-host.ts) keeps them.
 */

/**
 * `result`: what the command answers (stdout; with `--json`, only the JSON object).
 * `notice`: a message of the command's own, prefixed `drills <cmd>: ` (stderr).
 * `progress`: a line of live progress, as is (stderr): timeline events, preflight checks, FIS states.
 * `failure`: why the command could not do what was asked, prefixed `drills <cmd>: ` (stderr).
 */
export type OutputLevel = 'result' | 'notice' | 'progress' | 'failure';

export interface IoMessage {
  readonly level: OutputLevel;
  /** The text to write, as is; it ends in a newline. */
  readonly text: string;
  /** The command that said it (`run`); undefined for the program itself (help, usage, a crash). */
  readonly command?: string;
}

export interface IoHost {
  /** The width of stdout when it is a terminal, in columns. @default - not a terminal: tables fit DEFAULT_COLUMNS (fit-table.ts) */
  readonly columns?: number;
  /** Takes one message. Never throws: output that cannot be written is dropped (a closed terminal must not end a stop). */
  notify(message: IoMessage): void;
}
