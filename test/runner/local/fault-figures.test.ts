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
    expect(figures).not.toHaveProperty('recovery.seconds');
    expect(figures).not.toHaveProperty('replacement.launchSeconds');
    expect(figures['fault.targets']).toBe(2);
  });
});
