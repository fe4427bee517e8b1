import { Token, type Duration } from 'aws-cdk-lib';
import { APP_CONTAINER_NAME, OWNED_ENVIRONMENT, type DrainReadyFargateServiceProps } from './drain-ready-props';
import { SSM_AGENT_CONTAINER_NAME } from './ssm-agent-sidecar';

/** The drain budget as the construct applies it, in seconds (defaults filled). */
export interface DrainBudget {
  readonly stopTimeoutSeconds: number;
  readonly drainTimeoutSeconds: number;
  readonly deregistrationDelaySeconds: number;
  readonly longestRequestSeconds: number;
}

const FARGATE_MAX_STOP_TIMEOUT_SECONDS = 120;
const known = (n: number | undefined): n is number => n !== undefined && !Token.isUnresolved(n);

/** Seconds of a duration prop, or the default when it is not given. @throws Error from Duration for an unresolved duration */
export const secondsOr = (d: Duration | undefined, fallback: number): number => (d === undefined ? fallback : d.toSeconds({ integral: false }));

/**
 * Pure: every problem with DrainReadyFargateService props, each naming the prop, the value and
 * what to do (empty when the props are usable). Values that are tokens are not judged.
 */
export function drainReadyProblems(props: DrainReadyFargateServiceProps, budget: DrainBudget): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };
  const positiveInt = (name: string, value: number | undefined, min = 1, max = Number.MAX_SAFE_INTEGER) => {
    if (known(value)) need(Number.isInteger(value) && value >= min && value <= max, `${name} is ${value}: use a whole number from ${min} to ${max}`);
  };
  positiveInt('desiredCount', props.desiredCount);
  positiveInt('cpu', props.cpu, 256);
  positiveInt('memoryLimitMiB', props.memoryLimitMiB, 512);
  positiveInt('containerPort', props.containerPort, 1, 65535);
  positiveInt('azCount', props.azCount, 1, 6);

  const b = budget;
  need(b.stopTimeoutSeconds >= 2 && b.stopTimeoutSeconds <= FARGATE_MAX_STOP_TIMEOUT_SECONDS, `stopTimeout is ${b.stopTimeoutSeconds} s: Fargate takes 2 to ${FARGATE_MAX_STOP_TIMEOUT_SECONDS} s`);
  need(
    b.drainTimeoutSeconds > 0 && b.drainTimeoutSeconds < b.stopTimeoutSeconds,
    `drainTimeout is ${b.drainTimeoutSeconds} s with stopTimeout ${b.stopTimeoutSeconds} s: the app must finish draining before SIGKILL; set drainTimeout below stopTimeout`,
  );
  need(b.deregistrationDelaySeconds >= 0 && b.deregistrationDelaySeconds <= 3600, `deregistrationDelay is ${b.deregistrationDelaySeconds} s: the ALB takes 0 to 3600 s`);
  need(b.longestRequestSeconds > 0, `longestRequest is ${b.longestRequestSeconds} s: give the longest request the service serves`);

  if (props.vpc && props.azCount !== undefined) problems.push(`azCount is ${props.azCount} with a vpc given: azCount only shapes a VPC made here; drop it or drop vpc`);
  if (props.vpc && props.cluster && props.cluster.vpc !== props.vpc) problems.push("cluster is in another VPC than vpc: give the cluster's own VPC (cluster.vpc) or drop vpc");
  if (props.listener && !props.loadBalancer) problems.push("listener is given without loadBalancer: give the listener's load balancer too (its full name names the alarms' metrics)");
  if (props.listener && props.certificateArn) problems.push('certificateArn is given with listener: the certificate belongs on that listener; drop certificateArn or drop listener');
  if (props.loadBalancer && props.internal !== undefined) problems.push(`internal is ${props.internal} with a loadBalancer given: the scheme is the given load balancer's; drop internal`);
  if (props.loadBalancer && props.idleTimeout) problems.push('idleTimeout is given with a loadBalancer given: set the idle timeout on that load balancer; drop idleTimeout');
  if (props.redirectHttp !== undefined && !props.certificateArn)
    problems.push(`redirectHttp is ${props.redirectHttp} without certificateArn: the redirect goes to HTTPS; give certificateArn or drop redirectHttp`);
  if (props.listenerRule && !props.listener) problems.push('listenerRule is given without listener: the rule goes on an existing listener');
  if (props.certificateArn !== undefined && !Token.isUnresolved(props.certificateArn)) {
    need(
      /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/.test(props.certificateArn),
      `certificateArn is "${props.certificateArn}": give an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)`,
    );
  }
  const env = Object.keys(props.environment ?? {});
  const owned = env.filter((k) => (OWNED_ENVIRONMENT as readonly string[]).includes(k));
  if (owned.length > 0) problems.push(`environment sets ${owned.join(', ')}: the construct sets them from containerPort and drainTimeout; set those props instead`);
  const both = env.filter((k) => props.secrets && k in props.secrets);
  if (both.length > 0) problems.push(`${both.join(', ')} ${both.length === 1 ? 'is' : 'are'} in both environment and secrets: keep each name in one of them`);
  const reserved = Object.keys(props.sidecars ?? {}).filter((n) => n === APP_CONTAINER_NAME || n === SSM_AGENT_CONTAINER_NAME);
  if (reserved.length > 0) problems.push(`sidecars name ${reserved.join(', ')}: "${APP_CONTAINER_NAME}" and "${SSM_AGENT_CONTAINER_NAME}" are the construct's own containers; rename the sidecar`);
  return problems;
}
