/**
 * Minimum healthy percent of 100: a deployment (or a drill during one) never runs below the
 * desired count. Unset means the ECS default for a replica service, 100.
 */
import type { GuardrailRule } from '../../types';
import { asNumber, isRow, SERVICE } from '../ecs-links';

export const minHealthyFull: GuardrailRule = (resource) => {
  if (resource.type !== SERVICE || resource.properties.SchedulingStrategy === 'DAEMON') return 'not-applicable';
  const deployment = resource.properties.DeploymentConfiguration;
  const raw = isRow(deployment) ? deployment.MinimumHealthyPercent : undefined;
  if (raw === undefined) return 'compliant';
  const percent = asNumber(raw);
  if (percent === undefined) return 'not-applicable';
  return percent < 100 ? { compliance: 'non-compliant', detail: `minimum healthy ${percent} %` } : 'compliant';
};
