/** What an AWS run says about the dependency figures, from FIS's account of the experiment. */
import { findDrill } from '../../../experiments';
import { dependencyFacts } from '../../../lib/runner/aws/dependency-facts';
import type { ExperimentView } from '../../../lib/runner/aws/fis-api';

const fault = (id: string) => {
  const drill = findDrill(id);
  if (!drill) throw new Error(`no drill ${id}`);
  return drill.fault;
};
const experiment = (status: string, endTime?: Date): ExperimentView => ({
  id: 'EXP1',
  status: 'running',
  tags: {},
  actions: [
    { name: 'CheckAlarmsBeforeFault', actionId: 'aws:cloudwatch:assert-alarm-state', status: 'completed', endTime: new Date(0) },
    { name: 'BlackholeDatabasePort', actionId: 'aws:ecs:task-network-blackhole-port', status, startTime: new Date('2026-12-01T04:00:00Z'), endTime },
  ],
});

describe('dependency figures on AWS', () => {
  it('counts dependency-outage recovery from the end of the black-hole action, and declares it measurable', () => {
    const end = new Date('2026-12-01T04:02:00Z');
    const facts = dependencyFacts(fault('dependency-outage'), experiment('completed', end));
    expect(facts.backAt).toEqual(end);
    expect(facts.measurable).toEqual(['dependency.recoverySeconds']);
    expect(facts.unmeasured['dependency.recoverySeconds']).toBeUndefined();
  });

  it('rejects a black-hole action that did not complete with an end time as the moment the database was back', () => {
    for (const e of [experiment('completed'), experiment('stopped', new Date()), { ...experiment('completed'), actions: [] }]) {
      const facts = dependencyFacts(fault('dependency-outage'), e);
      expect(facts.backAt).toBeUndefined();
      expect(facts.measurable).toEqual([]);
      expect(facts.unmeasured['dependency.recoverySeconds']).toMatch(/when the black hole was lifted is not known/);
    }
  });

  it('leaves database-failover recovery and every reconnect count unmeasured on AWS, saying why', () => {
    const facts = dependencyFacts(fault('database-failover'), experiment('completed', new Date()));
    expect(facts.backAt).toBeUndefined();
    expect(facts.measurable).toEqual([]);
    expect(facts.unmeasured['dependency.recoverySeconds']).toMatch(/failover is not in FIS's account/);
    expect(facts.unmeasured['dependency.connects']).toMatch(/not confirmed/);
    expect(dependencyFacts(fault('dependency-outage'), undefined).unmeasured['dependency.connects']).toMatch(/connection attempts/);
  });

  it('says nothing about drills that do not need the database', () => {
    expect(dependencyFacts(fault('task-stop-drain'), experiment('completed', new Date()))).toEqual({ measurable: [], unmeasured: {} });
  });
});
