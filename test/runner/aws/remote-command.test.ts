import { remoteCommand, remoteEvidenceRoot, remoteStartedBy } from '../../../lib/runner/aws/remote-command';
import type { RunnerOutputs } from '../../../lib/runner/aws/runner-outputs';

const runner: RunnerOutputs = {
  taskDefinitionArn: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/runner:3',
  clusterName: 'c',
  subnetIds: ['subnet-a', 'subnet-b'],
  securityGroupId: 'sg-1',
  evidenceBucket: 'evidence-bucket',
  evidencePrefix: 'game-days/payments',
};

describe('remoteCommand', () => {
  it('runs the drill unattended with the chosen run id, into the runner prefix, from the same stacks', () => {
    expect(remoteCommand({ drill: 'task-stop-drain', runId: 'R1', runner, stacks: ['Payments-Workload', 'Payments-Drills'] })).toEqual([
      'run',
      'task-stop-drain',
      '--yes',
      '--run-id',
      'R1',
      '--out',
      's3://evidence-bucket/game-days/payments',
      '--stack',
      'Payments-Workload',
      '--stack',
      'Payments-Drills',
    ]);
  });

  it("passes the operator's service, account, topic and guard flags through", () => {
    const command = remoteCommand({
      drill: 'd',
      runId: 'R1',
      runner,
      stacks: [],
      service: 'payments',
      account: '111122223333',
      notify: 'arn:aws:sns:eu-west-1:111122223333:t',
      allowInsufficientData: true,
      heartbeat: true,
    });
    expect(command.slice(7)).toEqual(['--service', 'payments', '--account', '111122223333', '--notify', 'arn:aws:sns:eu-west-1:111122223333:t', '--allow-insufficient-data', '--heartbeat']);
  });

  it('keeps the evidence root free of doubled slashes', () => {
    expect(remoteEvidenceRoot({ ...runner, evidencePrefix: '/game-days/x/' })).toBe('s3://evidence-bucket/game-days/x');
  });
});

describe('remoteStartedBy', () => {
  it("names the operator by the caller ARN's resource, in the characters ECS accepts, at most 128", () => {
    expect(remoteStartedBy('arn:aws:sts::111122223333:assumed-role/oncall/alice@example.com')).toBe('drills-remote/assumed-role/oncall/alice_example_com');
    expect(remoteStartedBy(`arn:aws:iam::111122223333:user/${'x'.repeat(200)}`)).toHaveLength(128);
  });
});
