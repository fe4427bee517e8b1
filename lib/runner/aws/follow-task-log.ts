/**
 * Follows one task's log stream: each `pull()` hands every line written since the last one to
 * `onLine`, oldest first, reading pages until GetLogEvents returns the token it was given (its
 * sign that nothing newer is there; CloudWatch Logs API Reference, GetLogEvents `nextForwardToken`).
 */
import type { TaskLogApi } from './task-log-api';

/** The awslogs driver names a task's stream `<prefix>/<container>/<task-id>` (ECS Developer Guide, "awslogs-stream-prefix"). */
export function taskLogStream(streamPrefix: string, container: string, taskArn: string): string {
  const taskId = taskArn.slice(taskArn.lastIndexOf('/') + 1);
  return [streamPrefix, container, taskId].filter(Boolean).join('/');
}

/** Pages read by one pull at most (10,000 events each at most): a bound, not a limit a run reaches. */
const MAX_PAGES_PER_PULL = 50;

export class TaskLogFollower {
  private token: string | undefined;
  private seen = 0;

  constructor(
    private readonly api: TaskLogApi,
    private readonly group: string,
    private readonly stream: string,
    private readonly onLine: (line: string) => void,
  ) {}

  /** Lines handed out so far. */
  get lines(): number {
    return this.seen;
  }

  /** Reads what is new; resolves with how many lines it handed out. Rejects on a CloudWatch Logs error (a missing stream is not one). */
  async pull(): Promise<number> {
    let handed = 0;
    for (let page = 0; page < MAX_PAGES_PER_PULL; page++) {
      const before = this.token;
      const read = await this.api.page(this.group, this.stream, before);
      for (const line of read.lines) this.onLine(line);
      handed += read.lines.length;
      this.token = read.nextToken;
      if (read.lines.length === 0 || read.nextToken === undefined || read.nextToken === before) break;
    }
    this.seen += handed;
    return handed;
  }
}
