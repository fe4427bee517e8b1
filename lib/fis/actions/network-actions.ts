/** Network, AWS Direct Connect and ARC actions (FIS actions reference, "Network actions", "AWS Direct Connect actions", "Recovery action"). */
import { at, dur, opt, req, TWELVE_HOURS, type FisActionSpec } from './fis-action-spec';

const SUBNETS = { targetType: 'aws:ec2:subnet', targetKey: 'Subnets' } as const;

export const NETWORK_ACTIONS: Readonly<Record<string, FisActionSpec>> = {
  'aws:network:disrupt-connectivity': {
    // `scope` is listed without "Optional" on the page; kept optional here as the facts sheet has it (not confirmed).
    ...SUBNETS,
    source: at('disrupt-connectivity'),
    parameters: [dur('duration'), opt('scope'), opt('prefixListIdentifier')],
  },
  'aws:network:route-table-disrupt-cross-region-connectivity': {
    ...SUBNETS,
    source: at('route-table-disrupt-cross-region-connectivity'),
    parameters: [req('region'), dur('duration')],
  },
  'aws:network:transit-gateway-disrupt-cross-region-connectivity': {
    targetType: 'aws:ec2:transit-gateway',
    targetKey: 'TransitGateways',
    source: at('transit-gateway-disrupt-cross-region-connectivity'),
    parameters: [req('region'), dur('duration')],
  },
  'aws:network:disrupt-vpc-endpoint': {
    targetType: 'aws:ec2:vpc-endpoint',
    targetKey: 'VPCEndpoints',
    source: at('disrupt-vpc-endpoint'),
    parameters: [dur('duration')],
  },
  'aws:directconnect:virtual-interface-disconnect': {
    // "from 10 minutes to 12 hours"
    targetType: 'aws:directconnect:virtual-interface',
    targetKey: 'VirtualInterfaces',
    source: at('directconnect-virtual-interface-disconnect'),
    parameters: [dur('duration', { minSeconds: 600, maxSeconds: TWELVE_HOURS })],
  },
  'aws:arc:start-zonal-autoshift': {
    targetType: 'aws:arc:zonal-shift-managed-resource',
    targetKey: 'ManagedResources',
    source: at('recovery'),
    parameters: [dur('duration'), req('availabilityZoneIdentifier'), opt('managedResourceTypes'), opt('zonalAutoshiftStatus')],
  },
};
