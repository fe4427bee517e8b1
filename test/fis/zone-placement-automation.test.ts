import { Match, type Template } from 'aws-cdk-lib/assertions';
import { synthApp } from '../stacks/synth-app';

interface Step {
  name: string;
  action: string;
  onFailure?: string;
  onCancel?: string;
  nextStep?: string;
  isEnd?: boolean;
  inputs: Record<string, unknown>;
}
interface Statement {
  Sid?: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

describe('az-outage keeps ECS placements out of the cut zone', () => {
  let t: Template;
  beforeAll(() => {
    t = synthApp().drillsTemplate;
  });

  const azTemplate = () => Object.values(t.findResources('AWS::FIS::ExperimentTemplate')).find((r) => r.Properties.Tags.drill === 'az-outage')?.Properties;
  const steps = (): Step[] => Object.values(t.findResources('AWS::SSM::Document'))[0].Properties.Content.mainSteps as Step[];
  const statementsOf = (rolePrefix: string): Statement[] =>
    Object.values(t.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(rolePrefix))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);

  test("starts the automation from the experiment with the zone's subnets, the outage's duration and a bounded maxDuration", () => {
    const action = azTemplate()?.Actions.KeepPlacementsOutOfZone;
    expect(action).toEqual(expect.objectContaining({ ActionId: 'aws:ssm:start-automation-execution', StartAfter: ['CheckAlarmsBeforeFault'] }));
    expect(action.Parameters.maxDuration).toBe('PT15M');
    expect(JSON.stringify(action.Parameters.documentArn)).toMatch(/:document\/.*ZonePlacementDocument/);
    // The JSON text with each CloudFormation reference replaced by a named placeholder.
    const parts = action.Parameters.documentParameters['Fn::Join'][1] as unknown[];
    const text = parts.map((p) => (typeof p === 'string' ? p : `<${JSON.stringify(p).replace(/[^A-Za-z0-9]/g, '')}>`)).join('');
    const params = JSON.parse(text) as Record<string, unknown>;
    expect(params).toEqual({
      AutomationAssumeRole: expect.stringMatching(/ZonePlacementRole/),
      ClusterName: expect.stringMatching(/ServiceCluster/),
      ServiceName: expect.stringMatching(/Service.*Name/),
      SubnetIds: [expect.stringMatching(/PrivateSubnet1Subnet/)],
      Duration: 'PT5M',
    });
  });

  test('removes the subnets, holds for the outage, and branches to the restore on failure and on cancel of every earlier step', () => {
    const [remove, hold, restore] = steps();
    expect([remove.name, hold.name, restore.name]).toEqual(['RemoveZoneSubnets', 'HoldForOutage', 'RestoreZoneSubnets']);
    for (const step of [remove, hold]) expect(step).toEqual(expect.objectContaining({ onFailure: 'step:RestoreZoneSubnets', onCancel: 'step:RestoreZoneSubnets' }));
    expect(remove.nextStep).toBe('HoldForOutage');
    expect(hold).toEqual(expect.objectContaining({ action: 'aws:sleep', nextStep: 'RestoreZoneSubnets', inputs: { Duration: '{{ Duration }}' } }));
    expect(restore).toEqual(expect.objectContaining({ action: 'aws:executeScript', isEnd: true }));
    expect(remove.inputs).toEqual(expect.objectContaining({ Handler: 'remove_zone_subnets', Runtime: 'python3.11' }));
    expect(restore.inputs).toEqual(expect.objectContaining({ Handler: 'restore_zone_subnets' }));
    expect(restore.inputs.Script).toContain('def restore_zone_subnets(');
    t.hasResourceProperties('AWS::SSM::Document', { DocumentType: 'Automation', Content: Match.objectLike({ schemaVersion: '0.3', assumeRole: '{{ AutomationAssumeRole }}' }) });
  });

  test('lets the automation role describe and update only the drilled service', () => {
    const statements = statementsOf('ZonePlacementRole');
    expect(statements).toEqual([expect.objectContaining({ Action: ['ecs:DescribeServices', 'ecs:UpdateService'], Resource: { 'Fn::ImportValue': expect.stringMatching(/Service/) } })]);
    t.hasResourceProperties('AWS::IAM::Role', { AssumeRolePolicyDocument: Match.objectLike({ Statement: [Match.objectLike({ Principal: { Service: 'ssm.amazonaws.com' } })] }) });
  });

  test('lets FIS start, follow and stop the automation and pass its role to SSM only', () => {
    const statements = statementsOf('ExperimentRole');
    expect(JSON.stringify(statements.find((s) => s.Sid === 'StartZoneAutomation'))).toMatch(/ssm:StartAutomationExecution.*automation-definition\/.*ZonePlacementDocument.*:\*/);
    expect(statements.find((s) => s.Sid === 'FollowZoneAutomation')?.Action).toEqual(['ssm:GetAutomationExecution', 'ssm:StopAutomationExecution']);
    expect(statements.find((s) => s.Sid === 'PassZoneAutomationRole')).toEqual(
      expect.objectContaining({
        Action: 'iam:PassRole',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^ZonePlacementRole/), 'Arn'] },
        Condition: { StringEquals: { 'iam:PassedToService': 'ssm.amazonaws.com' } },
      }),
    );
  });
});

describe('a catalogue without an az-outage', () => {
  test('makes no automation and grants no SSM automation rights', () => {
    const { catalogue } = jest.requireActual('../../experiments') as typeof import('../../experiments');
    const t = synthApp(
      {},
      catalogue.filter((d) => d.fault.kind !== 'az-outage'),
    ).drillsTemplate;
    t.resourceCountIs('AWS::SSM::Document', 0);
    expect(JSON.stringify(t.toJSON())).not.toContain('ssm:StartAutomationExecution');
  });
});
