/**
 * The CloudWatch Logs call that follows the runner task's log (CloudWatch Logs API Reference,
 * GetLogEvents): one page of a stream, oldest first, from a forward token. A stream that does not
 * exist yet (the task has not started its container) reads as an empty page.
 */
import { GetLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';

export interface LogPage {
  /** The events' messages, oldest first (one line each; the awslogs driver splits on newlines). */
  readonly lines: readonly string[];
  /** Pass it to the next call; the same token comes back when there is nothing newer. */
  readonly nextToken?: string;
}

export interface TaskLogApi {
  /** The events after `token` (from the stream's head without one). */
  page(group: string, stream: string, token?: string): Promise<LogPage>;
}

function isMissingStream(e: unknown): boolean {
  return (e as { name?: string })?.name === 'ResourceNotFoundException';
}

export function taskLogApi(client: CloudWatchLogsClient): TaskLogApi {
  return {
    async page(group, stream, token) {
      try {
        const out = await client.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true, ...(token ? { nextToken: token } : {}) }));
        return { lines: (out.events ?? []).map((e) => e.message ?? ''), nextToken: out.nextForwardToken ?? token };
      } catch (e) {
        if (isMissingStream(e)) return { lines: [], nextToken: token };
        throw e;
      }
    },
  };
}
