import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { AwsSession } from '../../../lib/runner/aws/aws-session';
import { resolveDeployment } from '../../../lib/runner/aws/aws-session';
import { OutputsError, templateIdFor } from '../../../lib/runner/aws/resolve-outputs';
import { stacksOfService } from '../../../lib/runner/aws/service-stacks';
import type { StackOutputs } from '../../../lib/runner/aws/stack-api';

/** What `cdk deploy --all --outputs-file` writes for an app with a managed and an existing service. */
const TWO_SERVICES_OUTPUTS = {
  'Checkout-Workload': {
    ServiceUrl: 'http://Check-Servi-1.eu-west-1.elb.amazonaws.com',
    ClusterName: 'Checkout-Workload-ServiceCluster-abc',
    ServiceName: 'Checkout-Workload-Service-def',
    LoadBalancerFullName: 'app/Check-Servi-1/0123456789abcdef',
    TargetGroupFullName: 'targetgroup/Check-Servi-2/0123456789abcdef',
  },
  'Checkout-Drills': { DrillTaskStopDrainTemplateId: 'EXTcheckoutstop', ExperimentLogGroupName: 'Checkout-Drills-logs' },
  'Payments-Drills': {
    ServiceUrl: 'https://payments.example.com',
    ClusterName: 'platform-prod',
    ServiceName: 'payments-api',
    LoadBalancerFullName: 'app/platform-alb/fedcba9876543210',
    TargetGroupFullName: 'targetgroup/payments-tg/0123456789abcdef',
    DrillTaskStopDrainTemplateId: 'EXTpaymentsstop',
    DrillAzOutageTemplateId: 'EXTpaymentszone',
  },
};

/** A session whose only use here is CloudFormation: reads from `stacks`, records the names asked for. */
function sessionOver(stacks: Record<string, Record<string, string>>, asked: string[]): AwsSession {
  const outputs = async (stackName: string): Promise<StackOutputs> => {
    asked.push(stackName);
    if (!stacks[stackName]) throw new Error(`Stack with id ${stackName} does not exist`);
    return { stackName, stackId: `arn:aws:cloudformation:eu-west-1:111122223333:stack/${stackName}/x`, outputs: stacks[stackName] };
  };
  return { apis: { stack: { outputs } } } as unknown as AwsSession;
}

describe("the runner finds one service's stacks", () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'two-services-'));
    file = path.join(dir, 'cdk-outputs.json');
    await fs.writeFile(file, JSON.stringify({ ...TWO_SERVICES_OUTPUTS, Unrelated: { Other: 'x' } }));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('picks the managed service from an outputs file holding two, by config name or stack prefix', async () => {
    for (const service of ['checkout', 'Checkout']) {
      const d = await resolveDeployment(sessionOver({}, []), { outputs: file, service });
      expect(d).toMatchObject({ clusterName: 'Checkout-Workload-ServiceCluster-abc', serviceName: 'Checkout-Workload-Service-def', stacks: ['Checkout-Workload', 'Checkout-Drills'] });
      expect(templateIdFor(d, 'task-stop-drain')).toBe('EXTcheckoutstop');
    }
  });

  it('picks the existing service, its ServiceUrl and templates from its Drills stack alone', async () => {
    const d = await resolveDeployment(sessionOver({}, []), { outputs: file, service: 'payments' });
    expect(d).toMatchObject({ serviceUrl: 'https://payments.example.com', clusterName: 'platform-prod', serviceName: 'payments-api', stacks: ['Payments-Drills'] });
    expect(templateIdFor(d, 'task-stop-drain')).toBe('EXTpaymentsstop');
    expect(templateIdFor(d, 'az-outage')).toBe('EXTpaymentszone');
  });

  it('rejects a file holding two services when no --service is given, listing both', async () => {
    await expect(resolveDeployment(sessionOver({}, []), { outputs: file })).rejects.toThrow(
      new OutputsError(`${file} holds 2 services: Checkout (Checkout-Workload, Checkout-Drills); Payments (Payments-Drills); choose one with --service <name>`),
    );
  });

  it('rejects a service the file does not hold, naming the stack it looked for and those it holds', () => {
    expect(() => stacksOfService(Object.keys(TWO_SERVICES_OUTPUTS), 'orders', 'out.json')).toThrow(
      /^no stacks of service "orders" \(Orders-Drills\) in out\.json: it holds Checkout \(.*\); Payments \(Payments-Drills\); deploy/,
    );
  });

  it('reads every stack, as before, when the file holds one service (or stacks named otherwise)', () => {
    expect(stacksOfService(['Checkout-Workload', 'Checkout-Drills', 'Unrelated'], undefined, 'f')).toEqual(['Checkout-Workload', 'Checkout-Drills', 'Unrelated']);
    expect(stacksOfService(['DrillsWorkload', 'DrillsFis'], undefined, 'f')).toEqual(['DrillsWorkload', 'DrillsFis']);
  });

  it('reads an existing service from CloudFormation through its Drills stack only, a managed one through both', async () => {
    const asked: string[] = [];
    const payments = await resolveDeployment(sessionOver(TWO_SERVICES_OUTPUTS, asked), { service: 'payments', cwd: dir + '/none' });
    expect(payments).toMatchObject({ serviceName: 'payments-api', account: '111122223333' });
    expect(asked).toEqual(['Payments-Drills']);
    asked.length = 0;
    const checkout = await resolveDeployment(sessionOver(TWO_SERVICES_OUTPUTS, asked), { service: 'checkout', cwd: dir + '/none' });
    expect(templateIdFor(checkout, 'task-stop-drain')).toBe('EXTcheckoutstop');
    expect(asked).toEqual(['Checkout-Drills', 'Checkout-Workload']);
  });
});
