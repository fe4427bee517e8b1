/**
 * `--junit <file>` always leaves a file once the command knows its drills: when `rehearse` or
 * `run` ends without writing one (AWS unreachable, preflight refused, a bad config, the runner
 * threw), the file gets one test case per known drill carrying what the command said went wrong
 * (its `failure` messages — or, with none, its last notice, such as a refused preflight — or the
 * exception), as lib/report/unfinished-runs.ts words it. A file
 * the command wrote itself (finishRuns) is left as it is. Never changes the exit code; an
 * exception still propagates once the file is written.
 */
import { promises as fs } from 'fs';
import type { RunMode } from '../drill/types';
import { writeJunitFile } from '../report/junit-file';
import { unfinishedRuns, type KnownDrill } from '../report/unfinished-runs';
import { EXIT_CODE } from '../runner/verdict';
import type { IoHost } from './io-host';
import { Output } from './output';

export interface JunitFallbackOptions {
  /** `--junit`; nothing to do without it. */
  readonly file?: string;
  /** `run` or `rehearse`: the suite is `drills <command>`. */
  readonly command: string;
  readonly mode: RunMode;
  /** The drills the command was asked for; none known (an unknown id) means no file. */
  readonly drills: readonly KnownDrill[];
}

/** Runs `body` with an IoHost that also keeps its failure messages; see the module comment. */
export async function withJunitFallback(options: JunitFallbackOptions, io: IoHost, body: (io: IoHost) => Promise<number>): Promise<number> {
  const { file } = options;
  if (!file || options.drills.length === 0) return body(io);
  const failures: string[] = [];
  let lastNotice: string | undefined;
  const keeping: IoHost = {
    // the width tables fit is the host's (read at each table)
    get columns() {
      return io.columns;
    },
    notify: (m) => {
      if (m.level === 'failure') failures.push(m.text);
      if (m.level === 'notice') lastNotice = m.text;
      io.notify(m);
    },
  };
  // What went wrong: the failures; with none (a refused preflight, a prompt answered no), the last notice.
  const said = (): string[] => (failures.length > 0 ? failures : lastNotice !== undefined ? [lastNotice] : []);
  const startedMs = Date.now();
  let code: number;
  try {
    code = await body(keeping);
  } catch (e) {
    await writeUnlessWritten(options, io, startedMs, EXIT_CODE.ERROR, [...said(), `drills ${options.command}: ${e instanceof Error ? e.message : String(e)}`]);
    throw e;
  }
  await writeUnlessWritten(options, io, startedMs, code, said());
  return code;
}

async function writeUnlessWritten(options: JunitFallbackOptions, io: IoHost, startedMs: number, code: number, failures: readonly string[]): Promise<void> {
  const file = options.file as string;
  const modified = await fs.stat(file).then(
    (s) => s.mtimeMs,
    () => undefined,
  );
  // Written by this command (finishRuns) since it started: that file has the drills' own verdicts.
  if (modified !== undefined && modified >= startedMs - 1) return;
  const output = new Output(io, options.command);
  try {
    await writeJunitFile(file, `drills ${options.command}`, unfinishedRuns(options.drills, code, failures, options.mode), new Date());
    output.notice(`JUnit written to ${file} (no verdict: the command ended with exit code ${code})`);
  } catch (e) {
    output.failure(`could not write the JUnit file ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
