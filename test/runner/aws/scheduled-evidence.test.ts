import { findDrill } from '../../../experiments';
import type { FaultInjection } from '../../../lib/runner/engine';
import { isJournal } from '../../../lib/runner/journal';
import { scheduledJournal } from '../../../lib/runner/aws/scheduled-evidence';
import { renderReport } from '../../../lib/report/report-markdown';
import type { Figures } from '../../../lib/drill';

const drill = findDrill('task-stop-drain')!;
const deployed = { serviceUrl: 'http://svc', clusterName: 'c', serviceName: 's', loadBalancerFullName: 'lb', targetGroupFullName: 'tg' } as never;
const injected: FaultInjection = { injected: true, targets: ['t'] };

function journalOf(figures: Figures, injection: FaultInjection = injected, notes: string[] = []) {
  return scheduledJournal({
    drill,
    experiment: { id: 'EXP1', templateId: 'EXT1', status: 'completed', actions: [], tags: {}, startTime: new Date('2026-11-23T10:00:00Z') },
    deployed,
    injection,
    figures,
    timeline: [],
    notes,
  });
}

describe('scheduled evidence', () => {
  it('is a run journal (same schema, mode aws) with probe figures not judged', () => {
    const journal = journalOf({ 'tasks.sigkilled': 0, 'recovery.seconds': 90 });
    expect(isJournal(journal)).toBe(true);
    expect(journal).toMatchObject({ mode: 'aws', runId: 'EXP1', experimentId: 'EXP1', settings: { source: 'scheduled', templateId: 'EXT1' } });
    expect(journal.judgement.expectations.map((r) => [r.figure, r.held])).toEqual([
      ['streams.broken', null],
      ['jobs.failed', null],
      ['tasks.sigkilled', true],
      ['requests.errorRate', null],
      ['recovery.seconds', true],
    ]);
    expect(journal.judgement.verdict).toBe('HELD');
    expect(journal.judgement.notJudged).toEqual(['streams.broken', 'jobs.failed', 'requests.errorRate']);
  });

  it('fails as VIOLATED when a judged expectation is missed, using the aws bound', () => {
    const { judgement } = journalOf({ 'tasks.sigkilled': 1, 'recovery.seconds': 181 });
    expect(judgement.verdict).toBe('VIOLATED');
    expect(judgement.expectations.find((r) => r.figure === 'recovery.seconds')).toMatchObject({ bound: 180, held: false });
  });

  it('puts the platform outcome before the expectations', () => {
    const held = { 'tasks.sigkilled': 0 };
    expect(journalOf(held, { injected: true, targets: [], error: 'failed' }).judgement.verdict).toBe('ERROR');
    expect(journalOf(held, { injected: true, targets: [], aborted: 'alarm' }).judgement.verdict).toBe('ABORTED');
    expect(journalOf(held, { injected: false, targets: [], reason: 'zero targets' }).judgement.verdict).toBe('NOT_INJECTED');
  });

  it('fails as ERROR, never HELD, when nothing could be judged', () => {
    expect(journalOf({}).judgement.verdict).toBe('ERROR');
  });

  it('renders through the shared report, unmeasured figures marked and the notes kept', () => {
    const journal = journalOf({ 'tasks.sigkilled': 0 }, injected, ['ECS events could not be read']);
    const report = renderReport(journal);
    expect(report).toContain('| streams broken (`streams.broken`) | ≤ 0 (both modes) | not measured in AWS mode | not judged |');
    expect(report).toContain('- ECS events could not be read');
    expect(report).toContain('no probe data');
  });
});
