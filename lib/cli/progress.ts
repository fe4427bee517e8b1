/**
 * Live progress of a rehearsal on stderr. At a terminal: listr2, one task per drill, the latest
 * timeline event under it and the verdict in its title. Elsewhere (a pipe, CI, `--json`): plain
 * lines, one per timeline event, with no cursor movement. stdout is never touched.
 */
import { DefaultRenderer, Listr, ListrLogger, ProcessOutput, type ListrTaskWrapper } from 'listr2';
import type { Drill } from '../drill';
import type { TimelineEvent } from '../runner/samples';
import type { Output } from './output';
import { keyFigures, progressLine, type RunLine } from './reporter';

export interface RehearsalProgress {
  drillStarted(drill: Drill): void;
  event(drillId: string, e: TimelineEvent): void;
  drillEnded(run: RunLine): void;
  /** A notice of the command's own (an operator signal), without the `drills rehearse: ` prefix: shown now, and kept on stderr. */
  notice(text: string): void;
  /** Ends the display (drills never started are marked skipped); resolves once it is drawn. */
  close(): Promise<void>;
}

function verdictLine(run: RunLine): string {
  const figures = keyFigures(run.figures);
  return figures ? `${run.verdict} — ${figures}` : run.verdict;
}

export function plainProgress(output: Output): RehearsalProgress {
  return {
    drillStarted: (drill) => output.notice(`${drill.id}: ${drill.title}`),
    event: (drillId, e) => output.progress(progressLine(drillId, e)),
    drillEnded: (run) => output.notice(`${run.drill}: ${verdictLine(run)}`),
    notice: (text) => output.notice(text),
    close: async () => undefined,
  };
}

/** A terminal that reports no size (a pty nobody sized, as under `script`) is taken as 80 × 24. */
const FALLBACK_COLUMNS = 80;
const FALLBACK_ROWS = 24;

function columnsOf(stream: NodeJS.WriteStream): number {
  return stream.columns > 0 ? stream.columns : FALLBACK_COLUMNS;
}

/** Runs `fn` with `stream.columns` reading `columns`, then puts the stream's own value back. */
function withColumns<T>(stream: NodeJS.WriteStream, columns: number, fn: () => T): T {
  const own = Object.getOwnPropertyDescriptor(stream, 'columns');
  Object.defineProperty(stream, 'columns', { value: columns, configurable: true, writable: true, enumerable: true });
  try {
    return fn();
  } finally {
    if (own) Object.defineProperty(stream, 'columns', own);
    else delete (stream as { columns?: number }).columns;
  }
}

/**
 * listr2's default renderer, drawn on stderr. listr2 picks its plain fallback when *stdout* is
 * not a terminal; here stdout may well be a pipe (the summary), and stderr was checked instead.
 * It also wraps lines at *stdout*'s width (80 for a pipe, 0 — one character a line — for a pty
 * with no size): they are wrapped at stderr's width instead, the width they are drawn at.
 */
function stderrTerminalRenderer(stderr: NodeJS.WriteStream): typeof DefaultRenderer {
  return class StderrTerminalRenderer extends DefaultRenderer {
    static override nonTTY = true;

    protected override format(message: string, icon: string, level: number): string[] {
      return withColumns(process.stdout, columnsOf(stderr), () => super.format(message, icon, level));
    }
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyTask = ListrTaskWrapper<any, any, any>;

interface DrillSlot {
  readonly drill: Drill;
  task?: AnyTask;
  lastOutput?: string;
  ended?: RunLine;
  finish?: () => void;
  readonly finished: Promise<void>;
}

export function listrProgress(drills: readonly Drill[], stderr: NodeJS.WriteStream, output: Output): RehearsalProgress {
  const slots = new Map<string, DrillSlot>();
  for (const drill of drills) {
    let finish: (() => void) | undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    slots.set(drill.id, { drill, finished, finish });
  }
  // The redrawing (erase n lines, write) wraps at stderr's width and keeps its last `rows` lines,
  // as listr2 reads them when it starts: a terminal with no size would make that one character a
  // line, and nothing at all.
  if (!(stderr.columns > 0)) stderr.columns = FALLBACK_COLUMNS;
  if (!(stderr.rows > 0)) stderr.rows = FALLBACK_ROWS;
  // While listr2 draws, it holds back other writes to stderr; they are printed once it is done.
  const processOutput = new ProcessOutput(stderr, stderr, { dump: ['stderr'] });
  const notices: string[] = [];
  const printNotices = (): void => {
    for (const text of notices.splice(0)) output.notice(text);
  };
  // A forced exit (second signal) ends the process mid-drawing: give the terminal back its
  // cursor, and print what was held back.
  const releaseAtExit = (): void => {
    processOutput.release();
    printNotices();
  };
  process.once('exit', releaseAtExit);
  const list = new Listr(
    [...slots.values()].map((slot) => ({
      title: `${slot.drill.id}: ${slot.drill.title}`,
      task: async (_ctx: unknown, task: AnyTask) => {
        slot.task = task;
        if (slot.lastOutput) task.output = slot.lastOutput;
        await slot.finished;
        if (!slot.ended) task.skip(`${slot.drill.id}: not run (aborted)`);
        // anything but HELD is drawn as a failed task, its line the verdict and figures
        else if (slot.ended.verdict !== 'HELD') throw new Error(`${slot.drill.id}: ${verdictLine(slot.ended)}`);
      },
    })),
    {
      concurrent: false,
      exitOnError: false,
      // The command owns SIGINT/SIGTERM: it aborts the drill and stops every process first.
      registerSignalListeners: false,
      renderer: stderrTerminalRenderer(stderr),
      rendererOptions: { logger: new ListrLogger({ processOutput }) },
    },
  );
  const rendering = list
    .run()
    .catch(() => undefined)
    .finally(() => process.removeListener('exit', releaseAtExit));
  // Drills run in order: the one the command is on is the first not ended. listr2 may not have
  // started its task yet (it loads its renderer first): what is shown under it waits until it has.
  const running = (): DrillSlot | undefined => [...slots.values()].find((slot) => !slot.ended);
  const show = (slot: DrillSlot, text: string): void => {
    slot.lastOutput = text;
    if (slot.task) slot.task.output = text;
  };
  return {
    drillStarted: () => undefined,
    event: (drillId, e) => {
      const slot = slots.get(drillId);
      if (slot) show(slot, progressLine(drillId, e));
    },
    drillEnded: (run) => {
      const slot = slots.get(run.drill);
      if (!slot) return;
      slot.ended = run;
      if (slot.task) slot.task.title = `${run.drill}: ${verdictLine(run)}`;
      slot.finish?.();
    },
    notice: (text) => {
      const slot = running();
      if (slot) show(slot, output.prefixed(text).trim());
      notices.push(text); // printed for good once listr2 is done drawing
    },
    close: async () => {
      for (const slot of slots.values()) slot.finish?.();
      await rendering;
      printNotices();
    },
  };
}

/** listr2 at an interactive terminal, plain lines everywhere else. */
export function rehearsalProgress(drills: readonly Drill[], output: Output, options: { stderr?: NodeJS.WriteStream } = {}): RehearsalProgress {
  const stderr = options.stderr ?? process.stderr;
  const interactive = Boolean(stderr.isTTY) && !output.json && !process.env.CI && process.env.TERM !== 'dumb';
  return interactive ? listrProgress(drills, stderr, output) : plainProgress(output);
}
