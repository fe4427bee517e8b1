import { DEDICATED_SUBNETS_TAG, zoneOutageOnOwnSubnets } from '../../../lib/guardrails/rules/fis/zone-outage-on-own-subnets';
import type { CfnTemplate } from '../../../lib/guardrails/types';
import { compliantTemplate, judge } from '../fixture';

/** An az-outage template whose subnet target names `vpc`, with a VPC of the app's own beside it. */
function zoneDrill(vpc: unknown, tags: Record<string, string> = {}): CfnTemplate {
  return {
    Resources: {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      ZoneDrill: {
        Type: 'AWS::FIS::ExperimentTemplate',
        Properties: {
          Tags: { drill: 'az-outage', ...tags },
          Targets: { ZoneSubnets: { ResourceType: 'aws:ec2:subnet', SelectionMode: 'ALL', Parameters: { availabilityZoneIdentifier: 'eu-west-1a', vpc } } },
          Actions: { DisruptZone: { ActionId: 'aws:network:disrupt-connectivity', Parameters: { duration: 'PT5M', scope: 'all' }, Targets: { Subnets: 'ZoneSubnets' } } },
        },
      },
    },
  };
}

describe("DRILL-FIS-21 a zone outage cuts only the service's own subnets", () => {
  it('accepts a zone outage in the VPC the app built for the service', () => {
    expect(judge(zoneOutageOnOwnSubnets, zoneDrill({ Ref: 'Vpc' }), 'ZoneDrill').compliance).toBe('compliant');
  });

  it("accepts a zone outage in an existing VPC when config states the subnets are the service's own", () => {
    expect(judge(zoneOutageOnOwnSubnets, zoneDrill('vpc-0a1b2c3d4e5f60718', { [DEDICATED_SUBNETS_TAG]: 'true' }), 'ZoneDrill', { environment: 'production' }).compliance).toBe('compliant');
  });

  it('fails a zone outage in an existing VPC with a warning outside production, naming the VPC and the fix', () => {
    expect(judge(zoneOutageOnOwnSubnets, zoneDrill('vpc-0a1b2c3d4e5f60718'), 'ZoneDrill')).toEqual({
      compliance: 'non-compliant',
      severity: 'warning',
      detail:
        'target ZoneSubnets cuts every subnet of "vpc-0a1b2c3d4e5f60718" in its zone, a VPC this app did not build: other workloads in those subnets lose their network too; if the subnets hold only this service, say so with existing.dedicatedSubnets: true',
    });
  });

  it('fails a zone outage in an existing VPC with an error in production (option or template tag)', () => {
    expect(judge(zoneOutageOnOwnSubnets, zoneDrill('vpc-0a1b2c3d4e5f60718'), 'ZoneDrill', { environment: 'production' }).severity).toBe('error');
    expect(judge(zoneOutageOnOwnSubnets, zoneDrill('vpc-0a1b2c3d4e5f60718', { environment: 'production' }), 'ZoneDrill').severity).toBe('error');
  });

  it('does not apply to a drill without a subnet target', () => {
    expect(judge(zoneOutageOnOwnSubnets, compliantTemplate(), 'KillDrill').compliance).toBe('not-applicable');
  });
});
