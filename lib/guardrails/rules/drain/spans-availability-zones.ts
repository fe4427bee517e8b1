/**
 * The service's subnets span at least 2 availability zones: a single subnet (or several in one
 * zone) means an AZ outage takes every task at once. Subnets that are not resources of the
 * template (ids, imports) are counted, their zones not judged.
 */
import type { GuardrailRule } from '../../types';
import { isRow, SERVICE } from '../ecs-links';

export const spansAvailabilityZones: GuardrailRule = (resource, context) => {
  if (resource.type !== SERVICE) return 'not-applicable';
  const network = resource.properties.NetworkConfiguration;
  const awsvpc = isRow(network) ? network.AwsvpcConfiguration : undefined;
  const subnets = isRow(awsvpc) && Array.isArray(awsvpc.Subnets) ? awsvpc.Subnets : undefined;
  if (!subnets) return 'not-applicable';
  if (subnets.length < 2) return { compliance: 'non-compliant', detail: `${subnets.length} subnet(s)` };
  const zones = subnets
    .map((s) => context.template.resolveResource(s, resource))
    .map((r) => (r?.type === 'AWS::EC2::Subnet' && r.properties.AvailabilityZone !== undefined ? JSON.stringify(r.properties.AvailabilityZone) : undefined));
  if (zones.some((z) => z === undefined)) return 'compliant';
  const distinct = new Set(zones).size;
  return distinct < 2 ? { compliance: 'non-compliant', detail: `${subnets.length} subnets, all in one availability zone` } : 'compliant';
};
