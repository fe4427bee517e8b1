import { summaryTable, verdictCounts } from '../../lib/cli/reporter';

const run = (drill: string, verdict: 'HELD' | 'VIOLATED' | 'ERROR', reasons: string[] = []) => ({ drill, verdict, figures: {}, evidence: `ev/${drill}/r1`, judgement: { reasons } });

describe('the rehearse summary', () => {
  it('counts each verdict instead of naming only the worst', () => {
    const text = summaryTable('VIOLATED', [run('a', 'HELD'), run('b', 'VIOLATED', ['tasks.sigkilled = 1 breaks <= 0: SIGTERM dropped on t1'])], 'ev');
    expect(text).toContain('1 HELD, 1 VIOLATED; evidence in ev/');
    expect(text).not.toContain('drill(s)');
  });

  it('lists the reasons of each run that did not hold, with their causes', () => {
    const text = summaryTable('VIOLATED', [run('a', 'HELD', ['every judged expectation held (4 of 4)']), run('b', 'VIOLATED', ['tasks.sigkilled = 1 breaks <= 0: SIGTERM dropped on t1'])], 'ev');
    expect(text).toContain('b VIOLATED:\n  - tasks.sigkilled = 1 breaks <= 0: SIGTERM dropped on t1\n');
    expect(text).not.toContain('every judged expectation held');
  });

  it('names an overall verdict no run has (an abort before a drill ended)', () => {
    expect(summaryTable('ABORTED', [run('a', 'HELD')], 'ev')).toContain('ABORTED (1 HELD); evidence in ev/');
    expect(verdictCounts([])).toBe('');
  });
});
