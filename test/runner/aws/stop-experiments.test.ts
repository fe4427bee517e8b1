/** `drills stop` over the strict fake AWS: which experiments are the caller's, and stopping them. */
import { OPERATOR_TAG, RUN_ID_TAG } from '../../../lib/contract';
import { mineToStop, stopExperiments } from '../../../lib/runner/aws/stop-experiments';
import { CALLER_ARN } from '../../fixtures/fake-aws/fake-aws-server';
import type { FakeScenario } from '../../fixtures/fake-aws/fake-aws-state';
import { useFakeAws } from '../../fixtures/fake-aws/fake-aws-setup';

const ME = 'arn:aws:sts::111122223333:assumed-role/oncall/alice';
const setupFake = useFakeAws();

/** The fake, with one experiment of task-stop-drain started `agoMs` ago. */
async function withExperiment(scenario: Partial<FakeScenario>, agoMs = 0) {
  const s = await setupFake({ scenario: { initiatingMs: 50, runningMs: 60_000, stoppingMs: 200, ...scenario } });
  const template = s.fake.state.templateFor('task-stop-drain');
  const experiment = s.fake.state.start(template.id, 'r1', { [RUN_ID_TAG]: 'r1', [OPERATOR_TAG]: CALLER_ARN }, undefined, Date.now() - agoMs);
  return { fake: s.fake, fis: s.apis().fis, id: experiment.id };
}

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
        { id: 'F', status: 'stopping', tags: mine },
        { id: 'G', status: 'running', tags: { [OPERATOR_TAG]: ME } },
      ],
      ME,
    );
    expect(chosen.map((e) => e.id)).toEqual(['A', 'E', 'F']);
  });

  it('stops a running experiment and waits until FIS says it is stopped', async () => {
    const { fake, fis, id } = await withExperiment({}, 1000);
    const [outcome] = await stopExperiments({ fis, ids: [id], pollMs: 20 });
    expect(outcome).toEqual({ id, status: 'stopped', ok: true, detail: 'stopped' });
    expect(fake.state.callsTo('StopExperiment').map((c) => c.input)).toEqual([{ id }]);
    expect(fake.state.statusOf(fake.state.experiments[0]).status).toBe('stopped');
  });

  it('leaves an experiment that already ended alone', async () => {
    const { fake, fis, id } = await withExperiment({ runningMs: 100 }, 10_000);
    const [outcome] = await stopExperiments({ fis, ids: [id] });
    expect(outcome).toEqual({ id, status: 'completed', ok: true, detail: 'already completed' });
    expect(fake.state.callsTo('StopExperiment')).toHaveLength(0);
  });

  it('fails when FIS refuses the stop, and says the experiment still runs', async () => {
    const { fake, fis, id } = await withExperiment({ deny: ['StopExperiment'] }, 1000);
    const [outcome] = await stopExperiments({ fis, ids: [id], pollMs: 20 });
    expect(outcome).toMatchObject({ id, ok: false, status: 'running', detail: expect.stringMatching(/^StopExperiment failed: AccessDeniedException: .*not authorized to perform: StopExperiment/) });
    expect(fake.state.statusOf(fake.state.experiments[0]).status).toBe('running');
  });

  it('fails without stopping anything when the experiment does not exist', async () => {
    const { fake, fis } = await withExperiment({});
    const [outcome] = await stopExperiments({ fis, ids: ['EXPnotThere'] });
    expect(outcome).toMatchObject({ id: 'EXPnotThere', status: 'unknown', ok: false, detail: expect.stringMatching(/^GetExperiment failed \(nothing was stopped\): ResourceNotFoundException/) });
    expect(fake.state.callsTo('StopExperiment')).toHaveLength(0);
  });
});
