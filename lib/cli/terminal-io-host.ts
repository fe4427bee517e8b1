/**
 * The process's IoHost: results on stdout, everything else on stderr, through writers that
 * outlive a closed terminal or pipe (surviving-writer.ts).
 */
import type { IoHost } from './io-host';
import { survivingWriter } from './surviving-writer';

/** Installs one 'error' listener on each stream (see survivingWriter): use it once, for the process's own stdout and stderr. */
export function terminalIoHost(stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WritableStream = process.stderr): IoHost {
  const out = survivingWriter(stdout);
  const err = survivingWriter(stderr);
  return {
    // read at each table: a terminal may be resized while a rehearsal runs
    get columns() {
      return stdout.isTTY && stdout.columns > 0 ? stdout.columns : undefined;
    },
    notify: (message) => (message.level === 'result' ? out : err)(message.text),
  };
}
