/**
 * A deployment circuit breaker with rollback: a release that cannot start healthy tasks is
 * rolled back instead of churning. Only rolling (ECS) deployments have one.
 */
import type { GuardrailRule } from '../../types';
import { isRow, isTrue, SERVICE } from '../ecs-links';

export const circuitBreakerEnabled: GuardrailRule = (resource) => {
  if (resource.type !== SERVICE) return 'not-applicable';
  const controller = resource.properties.DeploymentController;
  if (isRow(controller) && controller.Type !== undefined && controller.Type !== 'ECS') return 'not-applicable';
  const deployment = resource.properties.DeploymentConfiguration;
  const breaker = isRow(deployment) ? deployment.DeploymentCircuitBreaker : undefined;
  if (!isRow(breaker) || !isTrue(breaker.Enable)) return { compliance: 'non-compliant', detail: 'no circuit breaker' };
  return isTrue(breaker.Rollback) ? 'compliant' : { compliance: 'non-compliant', detail: 'circuit breaker without rollback' };
};
