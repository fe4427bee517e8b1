/**
 * Experiment logging configured (CloudWatch Logs or S3): without it there is no record of which
 * targets were resolved and what each action did — the evidence a drill exists to produce.
 */
import type { GuardrailRule } from '../../types';
import { isRow } from '../ecs-links';
import { EXPERIMENT_TEMPLATE } from '../fis-links';

export const experimentLogging: GuardrailRule = (resource) => {
  if (resource.type !== EXPERIMENT_TEMPLATE) return 'not-applicable';
  const log = resource.properties.LogConfiguration;
  if (!isRow(log)) return { compliance: 'non-compliant', detail: 'no LogConfiguration' };
  const destination = log.CloudWatchLogsConfiguration ?? log.S3Configuration;
  return destination === undefined ? { compliance: 'non-compliant', detail: 'LogConfiguration without a destination' } : 'compliant';
};
