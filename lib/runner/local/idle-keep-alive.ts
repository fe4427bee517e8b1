/**
 * How long a target keeps an idle keep-alive connection open: one connection straight to the
 * task's port, one `GET <path>` on it, then nothing; the time from the last byte of the answer
 * to the server's close. An ALB reuses idle connections to targets for up to its idle timeout
 * (60 s by default; ELB docs, "Connection idle timeout"): a target that closes them sooner races
 * the ALB's next request on that connection, which then gets a 502.
 */
import * as net from 'net';

export interface IdleKeepAlive {
  /** Milliseconds the connection stayed open idle, or undefined when it was still open at the bound (or failed). */
  readonly done: Promise<number | undefined>;
  cancel(): void;
}

export function idleKeepAlive(port: number, path: string, boundMs: number): IdleKeepAlive {
  let resolve!: (ms: number | undefined) => void;
  const done = new Promise<number | undefined>((r) => (resolve = r));
  let lastDataAt: number | undefined;
  let settled = false;
  const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`));
  const finish = (ms: number | undefined): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    socket.destroy();
    resolve(ms);
  };
  socket.on('data', () => (lastDataAt = Date.now()));
  socket.on('error', () => finish(undefined));
  socket.on('close', () => finish(lastDataAt === undefined ? undefined : Date.now() - lastDataAt));
  const timer = setTimeout(() => finish(undefined), boundMs);
  timer.unref();
  return { done, cancel: () => finish(undefined) };
}
