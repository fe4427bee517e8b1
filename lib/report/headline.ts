/**
 * The headline of a run in sentences: longest stream, streams, requests, jobs, recovery, SIGKILLs —
 * phrased for the fault that ran (a kill drill's own SIGKILL is not a failed drain). Pure.
 */
import type { Journal } from '../runner/journal';
import { longestStream } from '../runner/measure';
import type { StreamSample } from '../runner/samples';
import { formatFigure } from './format-figure';

export function describeStream(s: StreamSample): string {
  const seconds = ((s.endedAtMs - s.startedAtMs) / 1000).toFixed(1);
  const ttft = s.firstEventAtMs === undefined ? 'no first token' : `TTFT ${((s.firstEventAtMs - s.startedAtMs) / 1000).toFixed(1)} s`;
  const end = s.outcome === 'clean' ? 'clean [DONE]' : `broken (${s.broken}${s.error ? `: ${s.error}` : ''})`;
  return `stream ${seconds} s, ${ttft}, ${s.events} events, ${s.bytes.toLocaleString('en-US')} bytes, ${end}${s.task ? ` from ${s.task}` : ''}`;
}

export function headline(journal: Journal): string[] {
  const f = journal.figures ?? {};
  const lines: string[] = [];
  const longest = longestStream(journal.samples.streams);
  if (longest) lines.push(`Longest ${describeStream(longest)}.`);
  if (f['streams.total'] !== undefined) {
    const off = f['streams.brokenOffTarget'];
    const offText = (f['streams.broken'] ?? 0) > 0 && off !== undefined ? ` (${off} of them on tasks the fault did not hit)` : '';
    lines.push(`Streams: ${f['streams.total']} opened, ${f['streams.clean']} ended cleanly, ${f['streams.broken']} broken${offText}.`);
  } else lines.push('Streams: not measured in this run.');
  if (f['requests.total'] !== undefined) lines.push(`Requests: ${f['requests.total']} sent, ${f['requests.failed']} failed (${formatFigure('requests.errorRate', f['requests.errorRate'] ?? 0)}).`);
  else lines.push('Requests: not measured in this run.');
  // Jobs only when the run sent some: most traffic profiles have none, and "not measured" would be noise.
  if ((f['jobs.total'] ?? 0) > 0) {
    const longestJob = f['jobs.seconds.max'];
    lines.push(
      `Jobs: ${f['jobs.total']} submitted, ${f['jobs.succeeded'] ?? 0} completed, ${f['jobs.failed'] ?? 0} failed or lost${longestJob !== undefined ? `; the longest took ${formatFigure('jobs.seconds.max', longestJob)} from submit to end` : ''}.`,
    );
  }
  const recovery = f['recovery.seconds'];
  if (recovery !== undefined) lines.push(`Recovered (desired count running and healthy again) ${formatFigure('recovery.seconds', recovery)} after the fault landed.`);
  const sigkilled = f['tasks.sigkilled'];
  if (sigkilled !== undefined) lines.push(sigkillSentence(journal, sigkilled));
  return lines;
}

/** tasks.sigkilled counts failed drains (SIGKILL at stopTimeout), never the fault's own kill. */
function sigkillSentence(journal: Journal, sigkilled: number): string {
  const fault = journal.drill.fault;
  const targets = journal.injection?.targets.join(', ') || 'the target';
  const own =
    fault.kind === 'kill-process'
      ? ` (the fault's own ${fault.signal} of ${targets} is not a drain and is not counted)`
      : fault.kind === 'az-outage'
        ? ' (tasks lost with the zone are not counted)'
        : '';
  if (sigkilled === 0) return fault.kind === 'stop-task' ? 'No task had to be SIGKILLed at stopTimeout: every stopped task drained in time.' : `No task had to be SIGKILLed at stopTimeout${own}.`;
  return `${sigkilled} task(s) had to be SIGKILLed at stopTimeout: their drain did not finish in time${own}.`;
}
