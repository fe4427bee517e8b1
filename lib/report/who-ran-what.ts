/**
 * "Who ran what": operator, command, the project's git commit and config, the service and the
 * target, from the journal's provenance, settings and target. A journal written before
 * provenance was recorded says so instead of leaving rows out. Pure.
 */
import type { Journal } from '../runner/journal';

export function whoRanWhat(journal: Journal): [string, string][] {
  const p = journal.provenance;
  const missing = 'not recorded (journal written before provenance was recorded)';
  const service = journal.settings.service as { name?: unknown; desiredCount?: unknown } | undefined;
  const t = journal.target;
  const serviceName = t.service ?? (typeof service?.name === 'string' ? service.name : undefined);
  const rows: [string, string][] = [
    ['operator', p?.operator ?? missing],
    // drills run: the AWS identity that started the experiment (also its fis-drills:operator tag)
    ...(t.caller ? [['AWS caller', t.caller] as [string, string]] : []),
    ['command', p?.command ?? missing],
    ['git commit', p?.gitCommit ?? missing],
    ['config', p?.config ?? missing],
    ['mode', journal.mode === 'aws' ? 'AWS (FIS experiment)' : 'local rehearsal'],
    ['service', serviceName ?? 'not recorded'],
  ];
  const target = Object.entries(t)
    .filter(([k]) => k !== 'service' && k !== 'caller')
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  rows.push(['target', target || 'not recorded']);
  if (journal.experimentId) rows.push(['FIS experiment', journal.experimentId]);
  if (p) rows.push(['runner host', `${p.host}, Node ${p.node}`]);
  rows.push(['run', `${journal.runId}, ${journal.startedAt}${journal.endedAt ? ` → ${journal.endedAt}` : ' (unfinished)'}`]);
  rows.push(['drill file', journal.drill.file]);
  return rows;
}
