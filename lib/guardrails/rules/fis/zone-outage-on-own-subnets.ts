/**
 * `aws:network:disrupt-connectivity` on an `aws:ec2:subnet` target cuts whole subnets: every
 * network interface in them, whoever owns it (FIS actions reference, "Network actions"; fis-facts
 * §3). In a VPC this app built for the service (the VPC resolves to an `AWS::EC2::VPC` in the
 * templates) that is the service alone; in an existing VPC it may be other workloads too. Such a
 * template is compliant only when the config states the subnets are the service's own
 * (`existing.dedicatedSubnets: true`, carried as the template tag DEDICATED_SUBNETS_TAG). A warning,
 * an error in production (the rule sets the severity).
 */
import type { GuardrailRule } from '../../types';
import { isRow } from '../ecs-links';
import { EXPERIMENT_TEMPLATE, targetsOf } from '../fis-links';
import { isProduction } from './no-full-selection-in-production';

/** The tag the app puts on a service's experiment templates when config says its subnets are its own. */
export const DEDICATED_SUBNETS_TAG = 'fis-drills:dedicated-subnets';
const SUBNET_TARGET = 'aws:ec2:subnet';

export const zoneOutageOnOwnSubnets: GuardrailRule = (resource, context) => {
  if (resource.type !== EXPERIMENT_TEMPLATE) return 'not-applicable';
  const subnetTargets = targetsOf(resource).filter(([, t]) => t.ResourceType === SUBNET_TARGET);
  if (subnetTargets.length === 0) return 'not-applicable';
  const tags = resource.properties.Tags;
  if (isRow(tags) && String(tags[DEDICATED_SUBNETS_TAG]).toLowerCase() === 'true') return 'compliant';
  const shared = subnetTargets.filter(([, t]) => {
    const vpc = isRow(t.Parameters) ? t.Parameters.vpc : undefined;
    return context.template.resolveResource(vpc, resource)?.type !== 'AWS::EC2::VPC';
  });
  if (shared.length === 0) return 'compliant';
  const where = shared.map(([name, t]) => `target ${name} cuts every subnet of ${JSON.stringify(isRow(t.Parameters) ? (t.Parameters.vpc ?? '(any VPC)') : '(any VPC)')} in its zone`).join('; ');
  return {
    compliance: 'non-compliant',
    detail: `${where}, a VPC this app did not build: other workloads in those subnets lose their network too; if the subnets hold only this service, say so with existing.dedicatedSubnets: true`,
    severity: isProduction(resource, context) ? 'error' : 'warning',
  };
};
