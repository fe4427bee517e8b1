/** Every rule of the pack leaves alone the resources it is not about: a subnet, a cluster, a log group. */
import { DRILLS_PACK } from '../../../lib/guardrails/drills-pack';
import { compliantTemplate, judge } from '../fixture';

describe('the guardrail pack on resources no rule is about', () => {
  it.each(['SubnetA', 'Cluster', 'ExperimentLogs'])('answers not-applicable, and nothing more, from every rule for %s', (logicalId) => {
    const t = compliantTemplate();
    const outcomes = DRILLS_PACK.map((entry) => [entry.id, judge(entry.rule, t, logicalId)]);
    expect(outcomes).toEqual(DRILLS_PACK.map((entry) => [entry.id, { compliance: 'not-applicable' }]));
  });
});
