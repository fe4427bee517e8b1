import { findDrill } from '../../experiments';
import type { Drill } from '../../lib/drill';
import { resolveStopConditions } from '../../lib/fis/stop-conditions';

const base = findDrill('task-stop-drain') as Drill;
const arns = { 'error-rate': 'arn:aws:cloudwatch:eu-west-1:1:alarm:e', 'healthy-hosts': 'arn:aws:cloudwatch:eu-west-1:1:alarm:h', 'running-tasks': 'arn:aws:cloudwatch:eu-west-1:1:alarm:r' };

describe('resolveStopConditions', () => {
  test('maps each stop-condition name to its alarm ARN', () => {
    expect(resolveStopConditions(base, arns)).toEqual({
      stopConditions: [
        { source: 'aws:cloudwatch:alarm', value: arns['error-rate'] },
        { source: 'aws:cloudwatch:alarm', value: arns['healthy-hosts'] },
        { source: 'aws:cloudwatch:alarm', value: arns['running-tasks'] },
      ],
      skipped: [],
    });
  });

  test('skips probe-heartbeat when the stack has no such alarm, and says so', () => {
    const drill: Drill = { ...base, stopConditions: ['error-rate', 'probe-heartbeat'] };
    expect(resolveStopConditions(drill, arns)).toEqual({ stopConditions: [{ source: 'aws:cloudwatch:alarm', value: arns['error-rate'] }], skipped: ['probe-heartbeat'] });
  });

  test('rejects a drill left with no alarm at all instead of running it with source none', () => {
    const drill: Drill = { ...base, stopConditions: ['probe-heartbeat'] };
    expect(() => resolveStopConditions(drill, arns)).toThrow(/task-stop-drain\.ts: none of the stop conditions probe-heartbeat has an alarm/);
  });
});
