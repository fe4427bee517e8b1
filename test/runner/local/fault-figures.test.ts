import { FaultFigures } from '../../../lib/runner/local/fault-figures';

describe('FaultFigures', () => {
  test('measures everything from the injection', () => {
    const f = new FaultFigures();
    f.replacementStarted(500); // before the fault: not a replacement of it
    f.begin(1000, 1, 4, { running: 2, lbHealthy: 2 });
    f.sample({ running: 1, lbHealthy: 1 });
    f.replacementStarted(1300);
    f.replacementStarted(1900);
    f.replacementHealthy(2500);
    f.sample({ running: 2, lbHealthy: 1 });
    f.recover(3000);
    f.sample({ running: 0, lbHealthy: 0 }); // after recovery: not counted
    expect(f.figures({ sigkilled: 1, elb5xx: 7 })).toEqual({
      'fault.targets': 1,
      'tasks.sigkilled': 1,
      'alb.5xx': 3,
      'tasks.running.min': 1,
      'alb.healthyHosts.min': 1,
      'recovery.seconds': 2,
      'replacement.launchSeconds': 0.3,
      'replacement.healthySeconds': 1.5,
    });
  });

  test('leaves out what did not happen, and everything when no fault was injected', () => {
    expect(new FaultFigures().figures({ sigkilled: 0, elb5xx: 0 })).toEqual({});
    const f = new FaultFigures();
    f.begin(0, 2, 0, { running: 2, lbHealthy: 2 });
    const figures = f.figures({ sigkilled: 0, elb5xx: 0 });
    // an array path: a dotted string would look for figures.recovery.seconds and pass vacuously
    expect(figures).not.toHaveProperty(['recovery.seconds']);
    expect(figures).not.toHaveProperty(['replacement.launchSeconds']);
    expect(figures).not.toHaveProperty(['replacement.healthySeconds']);
    expect(figures).toEqual({ 'fault.targets': 2, 'tasks.sigkilled': 0, 'alb.5xx': 0, 'tasks.running.min': 2, 'alb.healthyHosts.min': 2 });
  });

  test('tells the engine whether the fault began, when, and whether the service recovered', () => {
    const f = new FaultFigures();
    expect([f.began, f.faultAt, f.recovered]).toEqual([false, undefined, false]);
    f.recover(500); // back at desired before any fault: not a recovery
    expect(f.recovered).toBe(false);
    f.begin(1000, 1, 0, { running: 2, lbHealthy: 2 });
    expect([f.began, f.faultAt, f.recovered]).toEqual([true, 1000, false]);
    f.recover(4000);
    f.recover(9000); // the first recovery counts
    expect(f.recovered).toBe(true);
    expect(f.figures({ sigkilled: 0, elb5xx: 0 })['recovery.seconds']).toBe(3);
  });

  test('counts no fleet sample taken before the injection', () => {
    const f = new FaultFigures();
    f.sample({ running: 0, lbHealthy: 0 }); // the fleet still starting
    f.begin(1000, 1, 0, { running: 2, lbHealthy: 2 });
    f.sample({ running: 1, lbHealthy: 2 });
    const figures = f.figures({ sigkilled: 0, elb5xx: 0 });
    expect([figures['tasks.running.min'], figures['alb.healthyHosts.min']]).toEqual([1, 2]);
  });

  test('times a replacement from the injection: one at the fault moment is 0 s, one that started before it is not counted even when reported late', () => {
    const started = new FaultFigures();
    started.replacementHealthy(400); // before the fault
    started.begin(1000, 1, 0, { running: 2, lbHealthy: 2 });
    started.replacementStarted(900); // started before the fault, reported after it
    started.replacementHealthy(950);
    started.replacementStarted(1000);
    started.replacementHealthy(1000);
    expect(started.figures({ sigkilled: 0, elb5xx: 0 })).toMatchObject({ 'replacement.launchSeconds': 0, 'replacement.healthySeconds': 0 });
    const late = new FaultFigures();
    late.begin(1000, 1, 0, { running: 2, lbHealthy: 2 });
    late.replacementStarted(900);
    late.replacementHealthy(999);
    late.replacementStarted(1250);
    late.replacementHealthy(3750);
    expect(late.figures({ sigkilled: 0, elb5xx: 0 })).toMatchObject({ 'replacement.launchSeconds': 0.25, 'replacement.healthySeconds': 2.75 });
  });
});
