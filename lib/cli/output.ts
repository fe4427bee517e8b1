/**
 * The output port every command writes through: it owns the `--json` switch, the
 * `drills <cmd>: ` prefix and the levels (result, notice, progress, failure), and hands the
 * messages to an IoHost (io-host.ts) that owns stdout and stderr.
 */
import { DEFAULT_COLUMNS } from './fit-table';
import type { IoHost, OutputLevel } from './io-host';

export interface OutputOptions {
  /** `--json`: the result is the JSON value, nothing else goes to stdout. @default false */
  readonly json?: boolean;
}

/** For a notice or failure that follows a signal: start on a line of its own (after the terminal's `^C`). */
export interface PrefixedOptions {
  readonly newLineFirst?: boolean;
}

/**
 * One command's output. Every method appends a newline unless the text ends in one, and writes
 * nothing for an empty text. Never throws (the host drops what it cannot write).
 */
export class Output {
  /** `--json` was given. */
  readonly json: boolean;

  /** `command` is the name after `drills` (`run`, `preflight`): it makes the prefix. */
  constructor(
    private readonly host: IoHost,
    readonly command: string,
    options: OutputOptions = {},
  ) {
    this.json = Boolean(options.json);
  }

  /** The width a table on stdout must fit: the terminal's, or DEFAULT_COLUMNS (100) when stdout is not a terminal. */
  get columns(): number {
    const columns = this.host.columns;
    return columns !== undefined && columns > 0 ? columns : DEFAULT_COLUMNS;
  }

  /**
   * The command's answer on stdout: with `--json`, `json` (2-space indented) when given; `text`
   * otherwise (an array: one line each).
   */
  result(text: string | readonly string[], json?: unknown): void {
    if (this.json && json !== undefined) this.emit('result', JSON.stringify(json, null, 2));
    else if (typeof text === 'string') this.emit('result', text);
    else text.forEach((line) => this.emit('result', line));
  }

  /** `drills <cmd>: text` on stderr. */
  notice(text: string, options: PrefixedOptions = {}): void {
    this.emit('notice', this.prefixed(text, options));
  }

  /** `drills <cmd>: text` on stderr, for what went wrong. */
  failure(text: string, options: PrefixedOptions = {}): void {
    this.emit('failure', this.prefixed(text, options));
  }

  /** Live progress on stderr, as is (no prefix). */
  progress(text: string): void {
    this.emit('progress', text);
  }

  /** `drills <cmd>: text`, for a display that shows a notice itself (the rehearsal's listr2 tasks). */
  prefixed(text: string, options: PrefixedOptions = {}): string {
    return `${options.newLineFirst ? '\n' : ''}drills ${this.command}: ${text}`;
  }

  private emit(level: OutputLevel, text: string): void {
    if (text === '') return;
    try {
      this.host.notify({ level, command: this.command, text: text.endsWith('\n') ? text : `${text}\n` });
    } catch {
      // a host that throws must not end a command that may be stopping a fault
    }
  }
}
