import type { ServerResponse } from 'http';
import type { StreamPlan } from './params';

export interface Identity {
  readonly task: string;
  readonly zone: string;
}

/** How a stream ended: all events and [DONE], cut by the drain deadline, or the client went away. */
export type StreamEnd = 'completed' | 'cut' | 'client-closed';

export interface StreamHandle {
  /** Ends the response now, without [DONE] (the drain deadline). */
  cut(): void;
}

const WORDS = ['the', 'drill', 'held', 'and', 'every', 'stream', 'ended', 'clean', 'with', 'done'];

export function sseEvent(data: string): string {
  return `data: ${data}\n\n`;
}

/**
 * Writes an SSE stream to `res`: the first event after ttftMs, then one every intervalMs,
 * `tokens` events in all, then `data: [DONE]`. `onEnd` is called exactly once. A client that
 * goes away stops the timer; nothing is written after the response is closed.
 */
export function startStream(res: ServerResponse, plan: StreamPlan, who: Identity, onEnd: (end: StreamEnd) => void, headerWho: Identity = who): StreamHandle {
  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  let sent = 0;

  const finish = (end: StreamEnd): void => {
    if (ended) return;
    ended = true;
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (end !== 'client-closed' && !res.destroyed) res.end();
    onEnd(end);
  };

  const tick = (): void => {
    timer = undefined;
    if (ended) return;
    if (res.destroyed) return finish('client-closed');
    if (sent < plan.tokens) {
      res.write(sseEvent(JSON.stringify({ i: sent, task: who.task, zone: who.zone, token: `${WORDS[sent % WORDS.length]} ` })));
      sent += 1;
    }
    if (sent >= plan.tokens) {
      res.write(sseEvent('[DONE]'));
      return finish('completed');
    }
    timer = setTimeout(tick, plan.intervalMs);
  };

  res.on('close', () => finish('client-closed'));
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    'X-Accel-Buffering': 'no',
    'X-Task-Id': headerWho.task,
    'X-Zone': headerWho.zone,
  });
  res.flushHeaders();
  timer = setTimeout(tick, plan.tokens === 0 ? 0 : plan.ttftMs);
  return { cut: () => finish('cut') };
}
