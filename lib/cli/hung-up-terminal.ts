/**
 * Node 20 aborts at exit (SIGABRT, exit 134, "Assertion failed … ResetStdio") when a stdio
 * descriptor that was a terminal at start-up has been hung up since: restoring the terminal's
 * settings fails with EIO, which its check does not allow (nodejs/node#51519; the check was
 * relaxed in nodejs/node#58200, not in Node 20). A run whose terminal closed would lose its
 * ABORTED exit code that way, after having stopped everything. Node skips a descriptor that no
 * longer refers to the file it saw at start-up, so a hung-up one is pointed at /dev/null first.
 */
import * as fs from 'fs';
import * as tty from 'tty';

/**
 * At exit, points each of stdin, stdout and stderr that was a terminal when this was called and
 * is not one any more (hung up: SIGHUP, then EIO) at /dev/null. Call once, early. Never throws;
 * a descriptor it cannot swap is left as it was.
 */
export function detachHungUpTerminalAtExit(proc: Pick<NodeJS.Process, 'once'> = process): void {
  const terminals = [0, 1, 2].filter((fd) => tty.isatty(fd));
  if (terminals.length === 0) return;
  proc.once('exit', () => {
    for (const fd of terminals) {
      if (tty.isatty(fd)) continue;
      try {
        fs.closeSync(fd);
        // The lowest free descriptor is the one just closed (0, 1 and 2 are taken in order).
        const reopened = fs.openSync('/dev/null', 'r+');
        if (reopened !== fd) fs.closeSync(reopened);
      } catch {
        // left as it was: at worst Node's own check fails as it would have
      }
    }
  });
}
