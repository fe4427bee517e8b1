import { mineToStop, stopExperiments } from '../../../lib/runner/aws/stop-experiments';
import { OPERATOR_TAG, RUN_ID_TAG } from '../../../lib/runner/aws/fis-engine';
import { experiment, Fis, mockedApis } from './aws-mocks';

const ME = 'arn:aws:sts::111122223333:assumed-role/oncall/alice';

describe('drills stop', () => {
  it('selects only active experiments this tool started for this operator', () => {
    const mine = { [RUN_ID_TAG]: 'r1', [OPERATOR_TAG]: ME };
    const chosen = mineToStop(
      [
        { id: 'A', status: 'running', tags: mine },
        { id: 'B', status: 'completed', tags: mine },
        { id: 'C', status: 'running', tags: { [RUN_ID_TAG]: 'r2', [OPERATOR_TAG]: 'arn:someone-else' } },
        { id: 'D', status: 'running', tags: { drill: 'x' } },
        { id: 'E', status: 'initiating', tags: mine },
      ],
      ME,
    );
    expect(chosen.map((e) => e.id)).toEqual(['A', 'E']);
  });

  it('stops a running experiment and waits until it is stopped', async () => {
    const { mocks, apis } = mockedApis();
    mocks.fis.on(Fis.Get).resolvesOnce({ experiment: experiment('running', 'running') }).resolvesOnce({ experiment: experiment('stopping', 'stopping') }).resolves({ experiment: experiment('stopped', 'stopped') });
    mocks.fis.on(Fis.Stop).resolves({ experiment: experiment('stopping', 'stopping') });
    const [outcome] = await stopExperiments({ fis: apis.fis, ids: ['EXP1'], pollMs: 1 });
    expect(outcome).toEqual({ id: 'EXP1', status: 'stopped', ok: true, detail: 'stopped' });
    expect(mocks.fis.commandCalls(Fis.Stop)).toHaveLength(1);
  });

  it('leaves an experiment that already ended alone', async () => {
    const { mocks, apis } = mockedApis();
    mocks.fis.on(Fis.Get).resolves({ experiment: experiment('completed') });
    const [outcome] = await stopExperiments({ fis: apis.fis, ids: ['EXP1'] });
    expect(outcome.detail).toBe('already completed');
    expect(mocks.fis.commandCalls(Fis.Stop)).toHaveLength(0);
  });

  it('fails when FIS refuses the stop', async () => {
    const { mocks, apis } = mockedApis();
    mocks.fis.on(Fis.Get).resolves({ experiment: experiment('running', 'running') });
    mocks.fis.on(Fis.Stop).rejects(Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' }));
    const [outcome] = await stopExperiments({ fis: apis.fis, ids: ['EXP1'] });
    expect(outcome).toMatchObject({ ok: false, detail: 'StopExperiment failed: AccessDeniedException: not allowed' });
  });
});
