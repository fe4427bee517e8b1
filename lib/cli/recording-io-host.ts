/**
 * The test double of the IoHost: keeps every message, and what would have gone to stdout and
 * stderr (one entry per message, in order).
 */
import type { IoHost, IoMessage } from './io-host';

export interface RecordingIoHost extends IoHost {
  readonly messages: IoMessage[];
  /** The text of each `result` message. */
  readonly stdout: string[];
  /** The text of each other message. */
  readonly stderr: string[];
}

/** `columns`: the width of the terminal to pretend stdout is. @default - not a terminal */
export function recordingIoHost(columns?: number): RecordingIoHost {
  const messages: IoMessage[] = [];
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    columns,
    messages,
    stdout,
    stderr,
    notify: (message) => {
      messages.push(message);
      (message.level === 'result' ? stdout : stderr).push(message.text);
    },
  };
}
