/**
 * The drain rules' findings read whole at the edges their main tests leave open: a figure exactly
 * at its bound, a second essential container or target group, a value only one side states, and
 * several findings joined into one. Each case is an edit of the compliant fixture.
 */
import { atLeastTwoTasks } from '../../../lib/guardrails/rules/drain/at-least-two-tasks';
import { deregistrationDelayCoversLongestRequest } from '../../../lib/guardrails/rules/drain/deregistration-delay-covers-longest-request';
import { drainDeadlineBelowStopTimeout } from '../../../lib/guardrails/rules/drain/drain-deadline-below-stop-timeout';
import { gracePeriodCoversStartPeriod } from '../../../lib/guardrails/rules/drain/grace-period-covers-start-period';
import { longestRequestDrainable } from '../../../lib/guardrails/rules/drain/longest-request-drainable';
import { noShellEntrypoint } from '../../../lib/guardrails/rules/drain/no-shell-entrypoint';
import { stopTimeoutCoversLongestRequest } from '../../../lib/guardrails/rules/drain/stop-timeout-covers-longest-request';
import { appContainer, compliantTemplate, judge, type Props } from '../fixture';

const TD = 'TaskDefinition';
const SVC = 'Service';
const failing = (detail: string) => ({ compliance: 'non-compliant', detail });

/** The fixture with edits to the task definition and the service. */
function edited(edit: { td?: (p: Props) => void; svc?: (p: Props) => void }) {
  const t = compliantTemplate();
  edit.td?.(t.Resources[TD].Properties);
  edit.svc?.(t.Resources[SVC].Properties);
  return t;
}
/** The SSM sidecar of the fixture made essential, then edited. */
const essentialSidecar = (edit: (c: Props) => void) => (p: Props) => {
  p.ContainerDefinitions[1].Essential = true;
  edit(p.ContainerDefinitions[1]);
};

describe('DRILL-DRAIN-6 stopTimeout covers the longest request, at its edges', () => {
  it('accepts a stopTimeout equal to the longest request, and names one a second short', () => {
    expect(judge(stopTimeoutCoversLongestRequest, edited({ td: (p) => (appContainer(p).StopTimeout = 60) }), TD)).toEqual({ compliance: 'compliant' });
    expect(judge(stopTimeoutCoversLongestRequest, edited({ td: (p) => (appContainer(p).StopTimeout = 59) }), TD)).toEqual(failing('container app: stopTimeout 59 s < longest request 60 s'));
  });
  it('has nothing to judge when no essential container states a stopTimeout', () => {
    expect(judge(stopTimeoutCoversLongestRequest, edited({ td: (p) => delete appContainer(p).StopTimeout }), TD)).toEqual({ compliance: 'not-applicable' });
  });
});

describe('DRILL-DRAIN-13 the longest request fits the Fargate drain, at its edges', () => {
  it('accepts 110 s, fails 111 s naming both figures, and leaves a task definition not on Fargate alone', () => {
    expect(judge(longestRequestDrainable, compliantTemplate(), TD, { longestRequestSeconds: 110 })).toEqual({ compliance: 'compliant' });
    expect(judge(longestRequestDrainable, compliantTemplate(), TD, { longestRequestSeconds: 111 })).toEqual(failing('longest request 111 s > 110 s'));
    expect(judge(longestRequestDrainable, edited({ td: (p) => (p.RequiresCompatibilities = ['EC2']) }), TD, { longestRequestSeconds: 111 })).toEqual({ compliance: 'not-applicable' });
  });
});

describe('DRILL-DRAIN-7 the drain deadline is below stopTimeout, at its edges', () => {
  it('names a deadline equal to stopTimeout', () => {
    expect(judge(drainDeadlineBelowStopTimeout, edited({ td: (p) => (appContainer(p).Environment[0].Value = '120000') }), TD)).toEqual(
      failing('container app: DRAIN_TIMEOUT_MS=120000 is not below stopTimeout 120 s'),
    );
  });
  it('judges nothing when only one of the two figures is stated', () => {
    expect(judge(drainDeadlineBelowStopTimeout, edited({ td: (p) => delete appContainer(p).StopTimeout }), TD)).toEqual({ compliance: 'not-applicable' });
    expect(judge(drainDeadlineBelowStopTimeout, edited({ td: (p) => (appContainer(p).Environment = []) }), TD)).toEqual({ compliance: 'not-applicable' });
  });
});

describe('DRILL-DRAIN-8 the grace period covers the start period, at its edges', () => {
  it('compares the grace period with the longest start period of the essential containers', () => {
    const t = edited({ td: essentialSidecar((c) => (c.HealthCheck = { Command: ['CMD', 'true'], StartPeriod: 60 })) });
    expect(judge(gracePeriodCoversStartPeriod, t, SVC)).toEqual(failing('grace period 30 s < container start period 60 s'));
  });
  it('skips an essential container without a health check', () => {
    const t = edited({ td: (p) => (essentialSidecar(() => {})(p), (appContainer(p).HealthCheck.StartPeriod = 60)) });
    expect(judge(gracePeriodCoversStartPeriod, t, SVC)).toEqual(failing('grace period 30 s < container start period 60 s'));
  });
  it('takes an unset grace period as 0', () => {
    expect(judge(gracePeriodCoversStartPeriod, edited({ svc: (p) => delete p.HealthCheckGracePeriodSeconds }), SVC)).toEqual(failing('grace period 0 s < container start period 10 s'));
  });
});

describe('DRILL-DRAIN-5 the deregistration delay covers the longest request, at its edges', () => {
  it('reads the delay attribute among others, and names each short target group in one finding', () => {
    const t = edited({
      svc: (p) => p.LoadBalancers.push({ ContainerName: 'app', ContainerPort: 8080, TargetGroupArn: { Ref: 'Internal' } }),
    });
    t.Resources.TargetGroup.Properties.TargetGroupAttributes = [
      { Key: 'stickiness.enabled', Value: 'false' },
      { Key: 'deregistration_delay.timeout_seconds', Value: '30' },
    ];
    t.Resources.Internal = { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Port: 8080, Protocol: 'HTTP', TargetType: 'ip' } };
    expect(judge(deregistrationDelayCoversLongestRequest, t, SVC, { longestRequestSeconds: 400 })).toEqual(
      failing('target group TargetGroup: deregistration delay 30 s < longest request 400 s; target group Internal: deregistration delay 300 s < longest request 400 s'),
    );
  });
});

describe('DRILL-DRAIN-9 at least two tasks, at its edges', () => {
  it('takes an unset desired count as 1 and names it', () => {
    expect(judge(atLeastTwoTasks, edited({ svc: (p) => delete p.DesiredCount }), SVC)).toEqual(failing('desired count 1'));
  });
});

describe('DRILL-DRAIN-4 no shell between ECS and the app, at its edges', () => {
  it('does not judge a shell script given as an intrinsic after sh -c', () => {
    const t = edited({ td: (p) => ((appContainer(p).EntryPoint = ['sh', '-c']), (appContainer(p).Command = [{ 'Fn::Sub': 'exec node ${Entry}' }])) });
    expect(judge(noShellEntrypoint, t, TD)).toEqual({ compliance: 'not-applicable', notes: ['container app: a start command built from intrinsics is not judged'] });
  });
  it('names each container a shell stays in, in one finding, with the notes of those it cannot judge', () => {
    const t = edited({
      td: (p) => {
        appContainer(p).EntryPoint = ['sh', '-c', 'node dist/server.js'];
        p.ContainerDefinitions[1].Essential = true;
        p.ContainerDefinitions[1].EntryPoint = ['/bin/sh', '-c', 'cd /opt && agent'];
        p.ContainerDefinitions.push({ Name: 'proxy', Essential: true, EntryPoint: ['/docker-entrypoint.sh'], Command: ['nginx'] });
      },
    });
    expect(judge(noShellEntrypoint, t, TD)).toEqual({
      compliance: 'non-compliant',
      detail: "container app: sh -c runs 'node' as its child: prefix it with exec; container amazon-ssm-agent: sh -c runs 'agent' last without exec: prefix it with exec",
      notes: ['container proxy: starts script /docker-entrypoint.sh, whose contents doctor cannot see: not judged (make it end with exec)'],
    });
  });
});
