import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { templateOutputKey } from '../../../lib/contract';
import { OutputsError, readOutputsFile, resolveOutputs, templateIdFor } from '../../../lib/runner/aws/resolve-outputs';

const workload = {
  ServiceUrl: 'http://demo-123.eu-west-1.elb.amazonaws.com',
  ClusterName: 'demo-cluster',
  ServiceName: 'demo-service',
  LoadBalancerFullName: 'app/demo/abc',
  TargetGroupFullName: 'targetgroup/demo/def',
};
const drills = { DrillTaskStopDrainTemplateId: 'EXT1', DrillAzOutageTemplateId: 'EXT2', ErrorRateAlarmArn: 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:err' };

describe('resolveOutputs', () => {
  it('names the template output after the drill id in PascalCase', () => {
    expect(templateOutputKey('task-stop-drain')).toBe('DrillTaskStopDrainTemplateId');
  });

  it('finds the outputs across every stack of the outputs file', () => {
    const d = resolveOutputs({ DrillsWorkload: workload, DrillsFis: drills });
    expect(d).toMatchObject({
      serviceUrl: workload.ServiceUrl,
      clusterName: 'demo-cluster',
      serviceName: 'demo-service',
      loadBalancerFullName: 'app/demo/abc',
      targetGroupFullName: 'targetgroup/demo/def',
    });
    expect(templateIdFor(d, 'task-stop-drain')).toBe('EXT1');
    expect(templateIdFor(d, 'task-hard-kill')).toBeUndefined();
    expect(d.stacks).toEqual(['DrillsWorkload', 'DrillsFis']);
  });

  it("carries the database cluster's identifier and port when the workload outputs them (CDK's hash suffix too)", () => {
    const d = resolveOutputs({ a: { ...workload, DatabaseClusterIdentifier: 'demo-db', DatabasePort7F3A2B1C: '5432' }, b: drills });
    expect(d).toMatchObject({ databaseClusterIdentifier: 'demo-db', databasePort: 5432 });
    expect(resolveOutputs({ a: workload }).databaseClusterIdentifier).toBeUndefined();
    expect(resolveOutputs({ a: { ...workload, DatabaseClusterIdentifier: 'demo-db', DatabasePort: 'x' } }).databasePort).toBeUndefined();
  });

  it('reads account and region from an ARN among the outputs', () => {
    expect(resolveOutputs({ a: workload, b: drills })).toMatchObject({ account: '111122223333', region: 'eu-west-1' });
  });

  it('falls back to the region in the load balancer host name', () => {
    const d = resolveOutputs({ a: workload });
    expect(d.region).toBe('eu-west-1');
    expect(d.account).toBeUndefined();
  });

  it('accepts outputs whose keys carry the hash CDK adds inside constructs', () => {
    expect(resolveOutputs({ a: { ...workload, ServiceUrl: undefined, ServiceUrlA1B2C3D4: 'http://x' } as never }).serviceUrl).toBe('http://x');
  });

  it('rejects outputs that miss a required key, naming it', () => {
    expect(() => resolveOutputs({ a: { ServiceUrl: 'http://x' } })).toThrow(/ClusterName, ServiceName not found in a/);
  });

  it('rejects stacks that disagree on an output', () => {
    expect(() => resolveOutputs({ a: workload, b: { ...workload, ClusterName: 'other' } })).toThrow(OutputsError);
  });

  it('reads a cdk outputs file, optionally only the named stacks', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'outputs-'));
    const file = path.join(dir, 'cdk-outputs.json');
    await fs.writeFile(file, JSON.stringify({ A: workload, B: drills, C: { ...workload, ClusterName: 'other' } }));
    expect((await readOutputsFile(file, ['A', 'B'])).clusterName).toBe('demo-cluster');
    await expect(readOutputsFile(file)).rejects.toThrow(/disagree/);
    await expect(readOutputsFile(path.join(dir, 'missing.json'))).rejects.toThrow(/cannot read outputs file/);
    await fs.rm(dir, { recursive: true, force: true });
  });
});
