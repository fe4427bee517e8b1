import { containerGiveUpMs, recordContainerCheck, STARTING, type ContainerHealth } from '../../../lib/runner/local/container-health';

const settings = { intervalSeconds: 10, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 10 };
const fail = { ok: false, detail: '503' };
const pass = { ok: true, detail: '200' };
const run = (checks: readonly [boolean, number][]): ContainerHealth => checks.reduce((state, [ok, atMs]) => recordContainerCheck(state, ok ? pass : fail, atMs, settings), STARTING);

describe('the container health check as ECS runs it', () => {
  it('does not count failures inside the start period', () => {
    expect(
      run([
        [false, 2000],
        [false, 5000],
        [false, 9000],
      ]),
    ).toMatchObject({ status: 'starting', failures: 0, last: '503' });
  });

  it('turns healthy at the first pass, inside the start period or after it', () => {
    expect(
      run([
        [false, 5000],
        [true, 9000],
      ]).status,
    ).toBe('healthy');
    expect(
      run([
        [false, 5000],
        [false, 11000],
        [true, 21000],
      ]),
    ).toMatchObject({ status: 'healthy', failures: 0 });
  });

  it('fails a container after `retries` failures in a row once the start period is over', () => {
    expect(
      run([
        [false, 10000],
        [false, 20000],
      ]).status,
    ).toBe('starting');
    expect(
      run([
        [false, 10000],
        [false, 20000],
        [false, 30000],
      ]),
    ).toMatchObject({ status: 'unhealthy', failures: 3 });
  });

  it('fails a healthy container after `retries` failures in a row, even inside the start period', () => {
    expect(
      run([
        [true, 1000],
        [false, 2000],
        [false, 3000],
        [false, 4000],
      ]).status,
    ).toBe('unhealthy');
  });

  it('gives a task start period + retries × interval + timeout before giving up', () => {
    expect(containerGiveUpMs(settings)).toBe(45000);
  });
});
