/**
 * What the fault did, in words that do not overstate it: a zone outage hit a zone (and the
 * tasks that were in it), a kill-process SIGKILLed an app process with no drain, a stop-task
 * stopped a task cooperatively. Pure.
 */
import type { Journal } from '../runner/journal';

export function faultText(journal: Journal): string {
  const fault = journal.drill.fault;
  const injection = journal.injection;
  const targets = injection?.targets ?? [];
  const list = targets.length > 0 ? targets.join(', ') : 'nothing';
  const landed = injection === undefined ? ' (never injected)' : injection.injected ? '' : ` — not injected${injection.reason ? `: ${injection.reason}` : ''}`;
  switch (fault.kind) {
    case 'stop-task':
      return `ECS stop-task (deregister, SIGTERM, SIGKILL after stopTimeout) on task ${list}${landed}`;
    case 'kill-process':
      return `${fault.signal} of the app process on task ${list}, with no deregistration or drain first${landed}`;
    case 'az-outage': {
      const zone = zoneOf(journal, targets) ?? `zone #${fault.zoneIndex + 1}`;
      const lost = targets.length > 0 ? `; tasks in it at the time: ${list}` : '';
      return `outage of ${zone} for ${fault.duration[journal.mode]} (every connection to it cut, its tasks lost, no placement there)${lost}${landed}`;
    }
    case 'dependency-outage':
      return `the ${fault.dependency}'s port black-holed for ${fault.duration[journal.mode]} (packets dropped: connections hang, not refused) for task ${list}${landed}`;
    case 'database-failover':
      return `database failover (${journal.mode === 'local' ? `the PostgreSQL server restarted, down ${fault.localDowntime}` : 'the Aurora cluster failed over to a new writer'}; every connection dropped)${landed}`;
  }
}

function zoneOf(journal: Journal, targets: readonly string[]): string | undefined {
  const cut = journal.timeline.find((e) => e.kind === 'fault-injected' && /\bzone[- ][\w-]+ cut\b/.test(e.detail ?? ''));
  const named = /\b(zone[- ][\w-]+) cut\b/.exec(cut?.detail ?? '')?.[1];
  return named ?? journal.timeline.find((e) => e.zone !== undefined && e.task !== undefined && targets.includes(e.task))?.zone;
}
