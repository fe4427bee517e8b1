/**
 * `EmptyTargetResolutionMode: skip` turns "resolved no target, injected nothing" into a
 * completed experiment (FIS User Guide experiment-options.html; fis-facts §5): a drill that
 * looks run and guarded but tested nothing. A warning; an error in production (the guardrails'
 * `environment`, doctor's `--environment`, or the template's tag environment=production).
 */
import type { GuardrailRule } from '../../types';
import { isRow } from '../ecs-links';
import { EXPERIMENT_TEMPLATE } from '../fis-links';
import { isProduction } from './no-full-selection-in-production';

export const emptyTargetSkip: GuardrailRule = (resource, context) => {
  if (resource.type !== EXPERIMENT_TEMPLATE) return 'not-applicable';
  const options = resource.properties.ExperimentOptions;
  const mode = isRow(options) ? options.EmptyTargetResolutionMode : undefined;
  if (mode !== 'skip') return 'compliant';
  const production = isProduction(resource, context);
  return {
    compliance: 'non-compliant',
    severity: production ? 'error' : 'warning',
    detail: `EmptyTargetResolutionMode is skip${production ? ' in production' : ''}: set it to fail (the default) so a drill that finds no target fails instead of completing`,
  };
};
