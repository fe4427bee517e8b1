/** The drain rules at their edges: what each does when the template leaves out what it reads, or hands it something it cannot judge. */
import { atLeastTwoTasks } from '../../../lib/guardrails/rules/drain/at-least-two-tasks';
import { circuitBreakerEnabled } from '../../../lib/guardrails/rules/drain/circuit-breaker-enabled';
import { containerHealthCheck } from '../../../lib/guardrails/rules/drain/container-health-check';
import { deregistrationDelayCoversLongestRequest } from '../../../lib/guardrails/rules/drain/deregistration-delay-covers-longest-request';
import { gracePeriodCoversStartPeriod } from '../../../lib/guardrails/rules/drain/grace-period-covers-start-period';
import { longestRequestDrainable } from '../../../lib/guardrails/rules/drain/longest-request-drainable';
import { minHealthyFull } from '../../../lib/guardrails/rules/drain/min-healthy-full';
import { noShellEntrypoint } from '../../../lib/guardrails/rules/drain/no-shell-entrypoint';
import { spansAvailabilityZones } from '../../../lib/guardrails/rules/drain/spans-availability-zones';
import { stopTimeoutCoversLongestRequest } from '../../../lib/guardrails/rules/drain/stop-timeout-covers-longest-request';
import { UNKNOWN_LONGEST_REQUEST } from '../../../lib/guardrails/rules/ecs-links';
import type { GuardrailRule } from '../../../lib/guardrails/types';
import { appContainer, compliantTemplate, judge, type Props } from '../fixture';

const TD = 'TaskDefinition';
const SVC = 'Service';
const OTHER_TD = 'arn:aws:ecs:eu-west-1:111122223333:task-definition/elsewhere:3';
const OTHER_TG = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/elsewhere/1';

/** The fixture with edits to the task definition and the service. */
function edited(edit: { td?: (p: Props) => void; svc?: (p: Props) => void }) {
  const t = compliantTemplate();
  edit.td?.(t.Resources[TD].Properties);
  edit.svc?.(t.Resources[SVC].Properties);
  return t;
}
/** SubnetB moved into SubnetA's zone (then edited further). */
function sameZone(more: (t: ReturnType<typeof compliantTemplate>) => void = () => {}) {
  const t = compliantTemplate();
  t.Resources.SubnetB.Properties.AvailabilityZone = t.Resources.SubnetA.Properties.AvailabilityZone;
  more(t);
  return t;
}
const noLongestRequest = (p: Props) => delete p.Tags;
const nothingEssential = (p: Props) => p.ContainerDefinitions.forEach((c: Props) => (c.Essential = false));

describe('the drain rules on what they cannot judge or find', () => {
  it.each<[string, GuardrailRule, ReturnType<typeof edited>, string, object]>([
    [
      'DRILL-DRAIN-12 leaves a service deployed by CodeDeploy alone',
      circuitBreakerEnabled,
      edited({ svc: (p) => ((p.DeploymentController = { Type: 'CODE_DEPLOY' }), delete p.DeploymentConfiguration) }),
      SVC,
      { compliance: 'not-applicable' },
    ],
    ['DRILL-DRAIN-12 judges a service whose controller is ECS', circuitBreakerEnabled, edited({ svc: (p) => (p.DeploymentController = { Type: 'ECS' }) }), SVC, { compliance: 'compliant' }],
    [
      'DRILL-DRAIN-12 judges a controller without a type as ECS (its default), and says what is missing',
      circuitBreakerEnabled,
      edited({ svc: (p) => ((p.DeploymentController = {}), delete p.DeploymentConfiguration) }),
      SVC,
      { compliance: 'non-compliant', detail: 'no circuit breaker' },
    ],
    [
      'DRILL-DRAIN-12 names a breaker without rollback',
      circuitBreakerEnabled,
      edited({ svc: (p) => (p.DeploymentConfiguration.DeploymentCircuitBreaker.Rollback = false) }),
      SVC,
      { compliance: 'non-compliant', detail: 'circuit breaker without rollback' },
    ],
    ['DRILL-DRAIN-5 leaves a service without a load balancer alone', deregistrationDelayCoversLongestRequest, edited({ svc: (p) => delete p.LoadBalancers }), SVC, { compliance: 'not-applicable' }],
    [
      'DRILL-DRAIN-5 says the task definition is elsewhere',
      deregistrationDelayCoversLongestRequest,
      edited({ svc: (p) => (p.TaskDefinition = OTHER_TD) }),
      SVC,
      { compliance: 'not-applicable', detail: 'task definition not in the template' },
    ],
    [
      'DRILL-DRAIN-5 says the delay is unmeasured when the target group is elsewhere',
      deregistrationDelayCoversLongestRequest,
      edited({ svc: (p) => (p.LoadBalancers[0].TargetGroupArn = OTHER_TG) }),
      SVC,
      { compliance: 'not-applicable', detail: 'target group not in the template: deregistration delay unmeasured' },
    ],
    ['DRILL-DRAIN-8 leaves a service without a load balancer alone', gracePeriodCoversStartPeriod, edited({ svc: (p) => delete p.LoadBalancers }), SVC, { compliance: 'not-applicable' }],
    [
      'DRILL-DRAIN-8 says the task definition is elsewhere',
      gracePeriodCoversStartPeriod,
      edited({ svc: (p) => (p.TaskDefinition = OTHER_TD) }),
      SVC,
      { compliance: 'not-applicable', detail: 'task definition not in the template' },
    ],
    [
      'DRILL-DRAIN-8 has nothing to compare without a start period',
      gracePeriodCoversStartPeriod,
      edited({ td: (p) => delete appContainer(p).HealthCheck.StartPeriod, svc: (p) => (p.HealthCheckGracePeriodSeconds = 0) }),
      SVC,
      { compliance: 'not-applicable' },
    ],
    [
      'DRILL-DRAIN-8 does not judge a grace period given by a parameter',
      gracePeriodCoversStartPeriod,
      edited({ svc: (p) => (p.HealthCheckGracePeriodSeconds = { Ref: 'Grace' }) }),
      SVC,
      { compliance: 'not-applicable' },
    ],
    [
      'DRILL-DRAIN-8 accepts a grace period equal to the start period',
      gracePeriodCoversStartPeriod,
      edited({ svc: (p) => (p.HealthCheckGracePeriodSeconds = appContainer(compliantTemplate().Resources[TD].Properties).HealthCheck.StartPeriod) }),
      SVC,
      { compliance: 'compliant' },
    ],
    [
      'DRILL-DRAIN-11 accepts a service that leaves the minimum healthy percent to ECS (100)',
      minHealthyFull,
      edited({ svc: (p) => delete p.DeploymentConfiguration.MinimumHealthyPercent }),
      SVC,
      { compliance: 'compliant' },
    ],
    [
      'DRILL-DRAIN-11 does not judge a minimum healthy percent given by a parameter',
      minHealthyFull,
      edited({ svc: (p) => (p.DeploymentConfiguration.MinimumHealthyPercent = { Ref: 'Min' }) }),
      SVC,
      { compliance: 'not-applicable' },
    ],
    [
      'DRILL-DRAIN-11 leaves a daemon service alone',
      minHealthyFull,
      edited({ svc: (p) => ((p.SchedulingStrategy = 'DAEMON'), (p.DeploymentConfiguration.MinimumHealthyPercent = 0)) }),
      SVC,
      { compliance: 'not-applicable' },
    ],
    ['DRILL-DRAIN-9 leaves a daemon service alone', atLeastTwoTasks, edited({ svc: (p) => ((p.SchedulingStrategy = 'DAEMON'), delete p.DesiredCount) }), SVC, { compliance: 'not-applicable' }],
    ['DRILL-DRAIN-9 does not judge a desired count given by a parameter', atLeastTwoTasks, edited({ svc: (p) => (p.DesiredCount = { Ref: 'Count' }) }), SVC, { compliance: 'not-applicable' }],
    ['DRILL-DRAIN-10 leaves a service without awsvpc networking alone', spansAvailabilityZones, edited({ svc: (p) => delete p.NetworkConfiguration }), SVC, { compliance: 'not-applicable' }],
    [
      'DRILL-DRAIN-10 accepts two subnets it cannot place (given by id)',
      spansAvailabilityZones,
      edited({ svc: (p) => (p.NetworkConfiguration.AwsvpcConfiguration.Subnets = ['subnet-1', 'subnet-2']) }),
      SVC,
      { compliance: 'compliant' },
    ],
    [
      'DRILL-DRAIN-10 counts a single subnet',
      spansAvailabilityZones,
      edited({ svc: (p) => p.NetworkConfiguration.AwsvpcConfiguration.Subnets.pop() }),
      SVC,
      { compliance: 'non-compliant', detail: '1 subnet(s)' },
    ],
    ['DRILL-DRAIN-10 names two subnets in one zone', spansAvailabilityZones, sameZone(), SVC, { compliance: 'non-compliant', detail: '2 subnets, all in one availability zone' }],
    [
      'DRILL-DRAIN-10 accepts subnets when one of them has no zone it can read',
      spansAvailabilityZones,
      sameZone((t) => delete t.Resources.SubnetB.Properties.AvailabilityZone),
      SVC,
      { compliance: 'compliant' },
    ],
    [
      'DRILL-DRAIN-10 does not judge subnets not given as a list',
      spansAvailabilityZones,
      edited({ svc: (p) => (p.NetworkConfiguration.AwsvpcConfiguration.Subnets = { Ref: 'Subnets' }) }),
      SVC,
      { compliance: 'not-applicable' },
    ],
    [
      'DRILL-DRAIN-3 fails a health check with an empty command, naming the container',
      containerHealthCheck,
      edited({ td: (p) => (appContainer(p).HealthCheck.Command = []) }),
      TD,
      { compliance: 'non-compliant', detail: 'container app: no health check' },
    ],
    [
      'DRILL-DRAIN-4 does not judge a start command built from intrinsics, and says so',
      noShellEntrypoint,
      edited({ td: (p) => (appContainer(p).EntryPoint = [{ 'Fn::Sub': '${AWS::Region}' }]) }),
      TD,
      { compliance: 'not-applicable', notes: ['container app: a start command built from intrinsics is not judged'] },
    ],
    [
      'DRILL-DRAIN-4 does not judge a script it does not follow, and says why',
      noShellEntrypoint,
      edited({ td: (p) => ((appContainer(p).EntryPoint = ['sh', '-c']), (appContainer(p).Command = ['if true; then node server.js; fi'])) }),
      TD,
      { compliance: 'not-applicable', notes: ['container app: sh -c with a script doctor does not follow (subshell or compound command): not judged'] },
    ],
    ['DRILL-DRAIN-4 has nothing to judge without an essential container', noShellEntrypoint, edited({ td: nothingEssential }), TD, { compliance: 'not-applicable' }],
    ['DRILL-DRAIN-6 has nothing to judge without an essential container', stopTimeoutCoversLongestRequest, edited({ td: nothingEssential }), TD, { compliance: 'not-applicable' }],
    [
      'DRILL-DRAIN-6 says how to state an unknown longest request',
      stopTimeoutCoversLongestRequest,
      edited({ td: noLongestRequest }),
      TD,
      { compliance: 'not-applicable', detail: UNKNOWN_LONGEST_REQUEST },
    ],
    ['DRILL-DRAIN-13 does not judge an unknown longest request', longestRequestDrainable, edited({ td: noLongestRequest }), TD, { compliance: 'not-applicable' }],
  ])('%s', (_name, rule, template, logicalId, expected) => {
    expect(judge(rule, template, logicalId)).toEqual(expected);
  });
});
