import { findDrill } from '../../../experiments';
import { judgeExpectations, scheduledJournal, scheduledMarkdown, scheduledVerdict } from '../../../lib/runner/aws/scheduled-evidence';

const drill = findDrill('task-stop-drain')!;

describe('scheduled evidence', () => {
  it('leaves expectations on probe figures not judged', () => {
    const results = judgeExpectations(drill, { 'tasks.sigkilled': 0, 'recovery.seconds': 90 });
    expect(results.map((r) => [r.figure, r.outcome])).toEqual([
      ['streams.broken', 'not judged'],
      ['tasks.sigkilled', 'held'],
      ['requests.errorRate', 'not judged'],
      ['recovery.seconds', 'held'],
    ]);
  });

  it('fails as VIOLATED when a judged expectation is missed, using the aws bound', () => {
    const results = judgeExpectations(drill, { 'tasks.sigkilled': 1, 'recovery.seconds': 181 });
    expect(scheduledVerdict({ injected: true, targets: ['t'] }, results)).toBe('VIOLATED');
    expect(results.find((r) => r.figure === 'recovery.seconds')).toMatchObject({ bound: 180, outcome: 'missed' });
  });

  it('puts the platform outcome before the expectations', () => {
    const held = judgeExpectations(drill, { 'tasks.sigkilled': 0 });
    expect(scheduledVerdict({ injected: true, targets: [], error: 'failed' }, held)).toBe('ERROR');
    expect(scheduledVerdict({ injected: true, targets: [], aborted: 'alarm' }, held)).toBe('ABORTED');
    expect(scheduledVerdict({ injected: false, targets: [], reason: 'zero targets' }, held)).toBe('NOT_INJECTED');
    expect(scheduledVerdict({ injected: true, targets: ['t'] }, held)).toBe('HELD');
  });

  it('fails as ERROR, never HELD, when nothing could be judged', () => {
    expect(scheduledVerdict({ injected: true, targets: ['t'] }, judgeExpectations(drill, {}))).toBe('ERROR');
  });

  it('renders the expectation table with unmeasured figures marked', () => {
    const journal = scheduledJournal({
      drillId: drill.id,
      drill,
      experiment: { id: 'EXP1', status: 'completed', actions: [], tags: {} },
      injection: { injected: true, targets: ['t'] },
      figures: { 'tasks.sigkilled': 0 },
      timeline: [],
      notes: [],
    });
    expect(journal.notJudged).toEqual(['streams.broken', 'requests.errorRate', 'recovery.seconds']);
    expect(scheduledMarkdown(journal)).toContain('| streams.broken | <= 0 | unmeasured | not judged |');
  });
});
