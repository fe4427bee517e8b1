/** journal → report.md, the way a drill write-up reads. Pure. */
import type { Journal } from './journal';
import { longestStream } from './measure';
import type { StreamSample } from './samples';

export function describeStream(s: StreamSample): string {
  const seconds = ((s.endedAtMs - s.startedAtMs) / 1000).toFixed(1);
  const ttft = s.firstEventAtMs === undefined ? 'no first token' : `TTFT ${((s.firstEventAtMs - s.startedAtMs) / 1000).toFixed(1)} s`;
  const end = s.outcome === 'clean' ? 'clean [DONE]' : `broken (${s.broken}${s.error ? `: ${s.error}` : ''})`;
  return `stream ${seconds} s, ${ttft}, ${s.events} events, ${s.bytes.toLocaleString('en-US')} bytes, ${end}${s.task ? ` from ${s.task}` : ''}`;
}

export function renderReport(journal: Journal): string {
  const lines: string[] = [];
  const verdict = journal.judgement?.verdict ?? 'UNFINISHED';
  const f = journal.figures ?? {};
  lines.push(`# ${journal.drill.title} — ${verdict}`, '');
  lines.push(`- drill: \`${journal.drill.id}\` (${journal.mode}), run \`${journal.runId}\``);
  lines.push(`- started ${journal.startedAt}${journal.endedAt ? `, ended ${journal.endedAt}` : ''}`);
  if (journal.experimentId) lines.push(`- FIS experiment \`${journal.experimentId}\``);
  lines.push(`- fault: ${journal.drill.fault.kind}${journal.injection ? ` on ${journal.injection.targets.join(', ') || 'nothing'}` : ''}`, '');
  lines.push('## Hypothesis', '', journal.drill.hypothesis, '');
  lines.push('## Verdict', '', `**${verdict}**`, '');
  for (const r of journal.judgement?.reasons ?? []) lines.push(`- ${r}`);
  lines.push('', '## Headline', '');
  const longest = longestStream(journal.samples.streams);
  if (longest) lines.push(`- longest ${describeStream(longest)}`);
  const count = (name: keyof typeof f): string => (f[name] === undefined ? 'not measured' : String(f[name]));
  lines.push(`- streams: ${count('streams.total')} total, ${count('streams.clean')} clean, ${count('streams.broken')} broken (${count('streams.brokenOffTarget')} off the fault's targets)`);
  lines.push(`- requests: ${count('requests.total')} total, ${count('requests.failed')} failed`);
  if (f['recovery.seconds'] !== undefined) lines.push(`- recovery: ${f['recovery.seconds']} s`);
  if (f['tasks.sigkilled'] !== undefined) lines.push(`- tasks SIGKILLed: ${f['tasks.sigkilled']}`);
  lines.push('', '## Expectations', '', '| figure | bound | measured | held |', '| --- | --- | --- | --- |');
  for (const e of journal.judgement?.expectations ?? []) {
    const held = e.held === null ? 'not judged' : e.held ? 'held' : '**VIOLATED**';
    lines.push(`| ${e.figure} | ${e.op} ${e.bound} | ${e.measured ?? e.censored ?? '—'} | ${held} |`);
  }
  lines.push('', '## Timeline', '', '| t (s) | event |', '| ---: | --- |');
  for (const e of journal.timeline) {
    const who = [e.task, e.zone].filter(Boolean).join(' ');
    const exit = e.kind === 'task-exited' ? ` code=${e.code ?? 'null'} signal=${e.signal ?? 'null'}` : '';
    lines.push(`| ${(e.atMs / 1000).toFixed(2)} | ${e.kind}${who ? ` ${who}` : ''}${exit}${e.detail ? ` — ${e.detail}` : ''} |`);
  }
  lines.push('', '## Figures', '', '```json', JSON.stringify(f, null, 2), '```', '');
  return lines.join('\n');
}
