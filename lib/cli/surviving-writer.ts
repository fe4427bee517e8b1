/**
 * Output that outlives its reader. When the terminal closes (SIGHUP, then EIO on every write) or
 * the pipe's reader exits (EPIPE), Node reports the failed write as an 'error' event on the
 * stream; with no listener that event ends the process — in the middle of stopping a fault. A
 * drill that is stopping must go on stopping and write its evidence to disk, so output is the
 * one thing it may lose.
 */

/**
 * A `write(text)` for `stream` that never throws and never lets the stream's 'error' event end
 * the process: after the first error (EIO, EPIPE, ERR_STREAM_DESTROYED…) the text is dropped.
 * Installs one 'error' listener on `stream`; it swallows every error of that stream, so use it
 * only for the process's own stdout and stderr.
 */
export function survivingWriter(stream: NodeJS.WritableStream & { readonly destroyed?: boolean }): (text: string) => void {
  let gone = false;
  stream.on('error', () => {
    gone = true;
  });
  return (text) => {
    if (gone || stream.destroyed) return;
    try {
      stream.write(text);
    } catch {
      gone = true;
    }
  };
}
