/**
 * The service processes' own output during a rehearsal goes to `services.log` in the run's
 * evidence folder (one `[task] line` per line), not to the terminal.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface ServiceLog {
  readonly file: string;
  write(line: string): void;
  /** The last lines written, to show when the service would not come up. */
  tail(): readonly string[];
  close(): Promise<void>;
}

const TAIL_LINES = 10;

export function serviceLog(dir: string): ServiceLog {
  const file = path.join(dir, 'services.log');
  let stream: fs.WriteStream | undefined;
  const last: string[] = [];
  return {
    file,
    tail: () => [...last],
    write: (line) => {
      last.push(line);
      if (last.length > TAIL_LINES) last.shift();
      if (!stream) {
        fs.mkdirSync(dir, { recursive: true });
        stream = fs.createWriteStream(file, { flags: 'a' });
      }
      stream.write(`${line}\n`);
    },
    close: () => new Promise<void>((resolve) => (stream ? stream.end(resolve) : resolve())),
  };
}
