import { atLeastTwoTasks } from '../../../lib/guardrails/rules/drain/at-least-two-tasks';
import { circuitBreakerEnabled } from '../../../lib/guardrails/rules/drain/circuit-breaker-enabled';
import { containerHealthCheck } from '../../../lib/guardrails/rules/drain/container-health-check';
import { deregistrationDelayCoversLongestRequest } from '../../../lib/guardrails/rules/drain/deregistration-delay-covers-longest-request';
import { drainDeadlineBelowStopTimeout } from '../../../lib/guardrails/rules/drain/drain-deadline-below-stop-timeout';
import { gracePeriodCoversStartPeriod } from '../../../lib/guardrails/rules/drain/grace-period-covers-start-period';
import { longestRequestDrainable } from '../../../lib/guardrails/rules/drain/longest-request-drainable';
import { initProcessEnabled } from '../../../lib/guardrails/rules/drain/init-process-enabled';
import { minHealthyFull } from '../../../lib/guardrails/rules/drain/min-healthy-full';
import { noShellEntrypoint } from '../../../lib/guardrails/rules/drain/no-shell-entrypoint';
import { spansAvailabilityZones } from '../../../lib/guardrails/rules/drain/spans-availability-zones';
import { stopTimeoutBounded } from '../../../lib/guardrails/rules/drain/stop-timeout-bounded';
import { stopTimeoutCoversLongestRequest } from '../../../lib/guardrails/rules/drain/stop-timeout-covers-longest-request';
import { appContainer, compliantTemplate, judge, withEdit } from '../fixture';

const TD = 'TaskDefinition';
const SVC = 'Service';

describe('DRILL-DRAIN-1 stopTimeout set and at most 120 s', () => {
  it('accepts stopTimeout 120 on the app container', () => {
    expect(judge(stopTimeoutBounded, compliantTemplate(), TD).compliance).toBe('compliant');
  });
  it('fails a container whose stopTimeout is unset', () => {
    const r = judge(
      stopTimeoutBounded,
      withEdit(TD, (p) => delete appContainer(p).StopTimeout),
      TD,
    );
    expect(r).toEqual({ compliance: 'non-compliant', detail: 'container app: stopTimeout unset' });
  });
  it('fails a stopTimeout of 300 s', () => {
    expect(
      judge(
        stopTimeoutBounded,
        withEdit(TD, (p) => {
          appContainer(p).StopTimeout = 300;
        }),
        TD,
      ).compliance,
    ).toBe('non-compliant');
  });
  it('ignores the non-essential sidecar, which has no stopTimeout', () => {
    const t = withEdit(TD, (p) => {
      p.ContainerDefinitions = [p.ContainerDefinitions[1]];
    });
    expect(judge(stopTimeoutBounded, t, TD).compliance).toBe('not-applicable');
  });
  it('does not apply to other resource types', () => {
    expect(judge(stopTimeoutBounded, compliantTemplate(), SVC).compliance).toBe('not-applicable');
  });
});

describe('DRILL-DRAIN-2 initProcessEnabled', () => {
  it('accepts InitProcessEnabled true', () => {
    expect(judge(initProcessEnabled, compliantTemplate(), TD).compliance).toBe('compliant');
  });
  it('fails a container without linuxParameters', () => {
    expect(
      judge(
        initProcessEnabled,
        withEdit(TD, (p) => delete appContainer(p).LinuxParameters),
        TD,
      ).compliance,
    ).toBe('non-compliant');
  });
  it('fails InitProcessEnabled false', () => {
    const t = withEdit(TD, (p) => {
      appContainer(p).LinuxParameters.InitProcessEnabled = false;
    });
    expect(judge(initProcessEnabled, t, TD).detail).toBe('container app: initProcessEnabled off');
  });
});

describe('DRILL-DRAIN-3 container health check', () => {
  it('accepts a health check with a command', () => {
    expect(judge(containerHealthCheck, compliantTemplate(), TD).compliance).toBe('compliant');
  });
  it('fails an essential container without a health check', () => {
    expect(
      judge(
        containerHealthCheck,
        withEdit(TD, (p) => delete appContainer(p).HealthCheck),
        TD,
      ).compliance,
    ).toBe('non-compliant');
  });
});

describe('DRILL-DRAIN-4 no shell between ECS and the app', () => {
  const starting = (argv: string[]) =>
    withEdit(TD, (p) => {
      appContainer(p).EntryPoint = argv;
    });
  it('accepts an exec-form entrypoint', () => {
    expect(judge(noShellEntrypoint, compliantTemplate(), TD).compliance).toBe('compliant');
  });
  it.each([
    [['sh', '-c', 'exec java $JAVA_OPTS -jar app.jar']],
    [['sh', '-c', 'node migrate.js && exec node server.js']],
    [['/bin/sh', '-ec', 'set -u; exec node server.js']],
    [['bash', '-c', 'node server.js']],
  ])('accepts a shell that hands the process to the app: %j', (argv) => {
    expect(judge(noShellEntrypoint, starting(argv), TD).compliance).toBe('compliant');
  });
  it.each([
    [['sh', '-c', 'node server.js'], /sh -c runs 'node' as its child: prefix it with exec/],
    [['/bin/sh', '-c', 'node migrate.js && npm start'], /runs 'npm' last without exec/],
    [['/bin/ash', '-c', 'node']],
    [['dash', '-c', 'node']],
    [['sh -c "node server.js"']],
    [['/usr/bin/env', 'sh', '-c', 'node']],
    [['bash', '-c', 'node a.js && node b.js']],
    [['sh', '-c', 'exec node server.js | tee /log']],
  ])('fails a container that starts %j', (argv, why = /./) => {
    const r = judge(noShellEntrypoint, starting(argv), TD);
    expect(r.compliance).toBe('non-compliant');
    expect(r.detail).toMatch(why);
  });
  it('fails a shell given as Command when there is no EntryPoint', () => {
    const t = withEdit(TD, (p) => {
      delete appContainer(p).EntryPoint;
      appContainer(p).Command = ['/bin/sh', '-c', 'node server.js'];
    });
    expect(judge(noShellEntrypoint, t, TD).compliance).toBe('non-compliant');
  });
  it.each([[['/start.sh']], [['bash', 'run.sh']], [['/docker-entrypoint.sh', 'nginx']]])('does not judge a script it cannot see (%j): a note, neither pass nor error', (argv) => {
    const r = judge(noShellEntrypoint, starting(argv), TD);
    expect(r.compliance).toBe('not-applicable');
    expect(r.notes).toEqual([expect.stringMatching(/contents doctor cannot see: not judged/)]);
  });
  it('does not judge a container that leaves the start command to the image, and says so', () => {
    const r = judge(
      noShellEntrypoint,
      withEdit(TD, (p) => delete appContainer(p).EntryPoint),
      TD,
    );
    expect(r.compliance).toBe('not-applicable');
    expect(r.notes).toEqual([expect.stringMatching(/ENTRYPOINT/)]);
  });
  it('does not judge a CMD-SHELL health check (it is not the start command)', () => {
    const t = withEdit(TD, (p) => {
      appContainer(p).HealthCheck.Command = ['CMD-SHELL', 'curl -f localhost || exit 1'];
    });
    expect(judge(noShellEntrypoint, t, TD).compliance).toBe('compliant');
  });
});

describe('DRILL-DRAIN-5 deregistration delay covers the longest request', () => {
  it('accepts a 90 s delay for a 60 s longest request (task-definition tag)', () => {
    expect(judge(deregistrationDelayCoversLongestRequest, compliantTemplate(), SVC).compliance).toBe('compliant');
  });
  it('fails a 30 s delay for a 60 s longest request', () => {
    const t = withEdit('TargetGroup', (p) => {
      p.TargetGroupAttributes[0].Value = '30';
    });
    const r = judge(deregistrationDelayCoversLongestRequest, t, SVC);
    expect(r.compliance).toBe('non-compliant');
    expect(r.detail).toContain('deregistration delay 30 s < longest request 60 s');
  });
  it('fails when the option says the longest request is longer than the delay', () => {
    expect(judge(deregistrationDelayCoversLongestRequest, compliantTemplate(), SVC, { longestRequestSeconds: 100 }).compliance).toBe('non-compliant');
  });
  it('reads the longest request from the LONGEST_REQUEST_SECONDS env var when there is no tag', () => {
    const t = compliantTemplate();
    const td = t.Resources[TD].Properties;
    delete td.Tags;
    appContainer(td).Environment.push({ Name: 'LONGEST_REQUEST_SECONDS', Value: '95' });
    expect(judge(deregistrationDelayCoversLongestRequest, t, SVC).compliance).toBe('non-compliant');
  });
  it('does not judge when the longest request is unknown, and says how to state it', () => {
    const r = judge(
      deregistrationDelayCoversLongestRequest,
      withEdit(TD, (p) => delete p.Tags),
      SVC,
    );
    expect(r.compliance).toBe('not-applicable');
    expect(r.detail).toMatch(/LONGEST_REQUEST_SECONDS/);
  });
  it('takes the ALB default of 300 s when the attribute is unset', () => {
    const t = withEdit('TargetGroup', (p) => {
      p.TargetGroupAttributes = [];
    });
    expect(judge(deregistrationDelayCoversLongestRequest, t, SVC, { longestRequestSeconds: 301 }).compliance).toBe('non-compliant');
    expect(judge(deregistrationDelayCoversLongestRequest, t, SVC, { longestRequestSeconds: 300 }).compliance).toBe('compliant');
  });
});

describe('DRILL-DRAIN-6 stopTimeout covers the longest request', () => {
  it('accepts stopTimeout 120 for a 60 s request', () => {
    expect(judge(stopTimeoutCoversLongestRequest, compliantTemplate(), TD).compliance).toBe('compliant');
  });
  it('fails stopTimeout 30 for a 60 s request', () => {
    const t = withEdit(TD, (p) => {
      appContainer(p).StopTimeout = 30;
    });
    expect(judge(stopTimeoutCoversLongestRequest, t, TD).detail).toBe('container app: stopTimeout 30 s < longest request 60 s');
  });
});

describe('DRILL-DRAIN-7 drain deadline below stopTimeout', () => {
  it('accepts DRAIN_TIMEOUT_MS 110000 with stopTimeout 120', () => {
    expect(judge(drainDeadlineBelowStopTimeout, compliantTemplate(), TD).compliance).toBe('compliant');
  });
  it('fails a drain deadline equal to stopTimeout', () => {
    const t = withEdit(TD, (p) => {
      appContainer(p).Environment[0].Value = '120000';
    });
    expect(judge(drainDeadlineBelowStopTimeout, t, TD).compliance).toBe('non-compliant');
  });
});

describe('DRILL-DRAIN-8 grace period covers the start period', () => {
  it('accepts a 30 s grace period for a 10 s start period', () => {
    expect(judge(gracePeriodCoversStartPeriod, compliantTemplate(), SVC).compliance).toBe('compliant');
  });
  it('fails a grace period shorter than the start period', () => {
    const t = withEdit(TD, (p) => {
      appContainer(p).HealthCheck.StartPeriod = 60;
    });
    expect(judge(gracePeriodCoversStartPeriod, t, SVC).detail).toBe('grace period 30 s < container start period 60 s');
  });
  it('fails an unset grace period (0) when the container has a start period', () => {
    expect(
      judge(
        gracePeriodCoversStartPeriod,
        withEdit(SVC, (p) => delete p.HealthCheckGracePeriodSeconds),
        SVC,
      ).compliance,
    ).toBe('non-compliant');
  });
});

describe('DRILL-DRAIN-9 at least two tasks', () => {
  it('accepts a desired count of 2', () => {
    expect(judge(atLeastTwoTasks, compliantTemplate(), SVC).compliance).toBe('compliant');
  });
  it('fails a desired count of 1', () => {
    expect(
      judge(
        atLeastTwoTasks,
        withEdit(SVC, (p) => {
          p.DesiredCount = 1;
        }),
        SVC,
      ).compliance,
    ).toBe('non-compliant');
  });
  it('fails an unset desired count (one task)', () => {
    expect(
      judge(
        atLeastTwoTasks,
        withEdit(SVC, (p) => delete p.DesiredCount),
        SVC,
      ).compliance,
    ).toBe('non-compliant');
  });
});

describe('DRILL-DRAIN-10 spans availability zones', () => {
  it('accepts two subnets in two zones', () => {
    expect(judge(spansAvailabilityZones, compliantTemplate(), SVC).compliance).toBe('compliant');
  });
  it('fails a single subnet', () => {
    const t = withEdit(SVC, (p) => {
      p.NetworkConfiguration.AwsvpcConfiguration.Subnets = [{ Ref: 'SubnetA' }];
    });
    expect(judge(spansAvailabilityZones, t, SVC).compliance).toBe('non-compliant');
  });
  it('fails two subnets in the same zone', () => {
    const t = withEdit('SubnetB', (p) => {
      p.AvailabilityZone = { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] };
    });
    expect(judge(spansAvailabilityZones, t, SVC).detail).toMatch(/one availability zone/);
  });
});

describe('DRILL-DRAIN-11 minimum healthy 100 %', () => {
  it('accepts 100', () => {
    expect(judge(minHealthyFull, compliantTemplate(), SVC).compliance).toBe('compliant');
  });
  it('fails 50 (the CDK default)', () => {
    expect(
      judge(
        minHealthyFull,
        withEdit(SVC, (p) => {
          p.DeploymentConfiguration.MinimumHealthyPercent = 50;
        }),
        SVC,
      ).compliance,
    ).toBe('non-compliant');
  });
});

describe('DRILL-DRAIN-12 circuit breaker with rollback', () => {
  it('accepts an enabled breaker with rollback', () => {
    expect(judge(circuitBreakerEnabled, compliantTemplate(), SVC).compliance).toBe('compliant');
  });
  it('fails a service without a circuit breaker', () => {
    expect(
      judge(
        circuitBreakerEnabled,
        withEdit(SVC, (p) => delete p.DeploymentConfiguration.DeploymentCircuitBreaker),
        SVC,
      ).compliance,
    ).toBe('non-compliant');
  });
  it('fails a breaker without rollback', () => {
    const t = withEdit(SVC, (p) => {
      p.DeploymentConfiguration.DeploymentCircuitBreaker.Rollback = false;
    });
    expect(judge(circuitBreakerEnabled, t, SVC).detail).toBe('circuit breaker without rollback');
  });
});

describe('DRILL-DRAIN-13 the longest request can be drained on Fargate', () => {
  it('accepts a 60 s longest request on Fargate', () => {
    expect(judge(longestRequestDrainable, compliantTemplate(), TD).compliance).toBe('compliant');
  });
  it('fails a 115 s longest request on Fargate', () => {
    expect(judge(longestRequestDrainable, compliantTemplate(), TD, { longestRequestSeconds: 115 }).detail).toBe('longest request 115 s > 110 s');
  });
  it('does not apply to an EC2 task definition', () => {
    const t = withEdit(TD, (p) => {
      p.RequiresCompatibilities = ['EC2'];
    });
    expect(judge(longestRequestDrainable, t, TD, { longestRequestSeconds: 115 }).compliance).toBe('not-applicable');
  });
});
