import { catalogue } from '../../../experiments';
import { needsDatabase } from '../../../lib/drill';
import { EngineHarness, fixtureCommand } from './harness';

const h = new EngineHarness();
afterEach(() => h.closeAll());

describe('every task drill of the catalogue on the local engine (the dependency drills: dependency-faults.test.ts)', () => {
  test.each(catalogue.filter((d) => !needsDatabase(d.fault)).map((d) => [d.id, d] as const))('%s: the fault lands on a task, and the fleet recovers', async (_id, drill) => {
    const engine = h.create({ command: fixtureCommand('drains') });
    await engine.start();
    const injection = await engine.inject(drill);
    expect(injection.injected).toBe(true);
    expect(injection.targets).toEqual(['t1-zone-a']);
    expect((await engine.awaitRecovery(30000)).recovered).toBe(true);
    const figures = engine.figures();
    expect(figures['fault.targets']).toBe(1);
    expect(figures['recovery.seconds']).toBeGreaterThan(0);
    expect(figures['tasks.running.min']).toBe(1);
    expect(h.kinds('replacement-started').length).toBeGreaterThanOrEqual(1);
  });
});
