import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { catalogue } from '../../experiments';
import { ConfigError, loadConfig } from '../../lib/config';
import { buildApp } from '../../lib/stacks/build-app';
import { demoImageDirectory } from './synth-app';

/** What bin/app.ts does: the config from the app's context (cdk.json `drills`, `-c key=value`). */
function appFromContext(context: Record<string, unknown>) {
  const app = new App({ context });
  const config = loadConfig((key) => app.node.tryGetContext(key));
  return buildApp(app, { config, catalogue, demoImageDirectory: demoImageDirectory() });
}

describe('the app built from CDK context', () => {
  test('applies the drills object and -c dotted keys, the dotted key winning', () => {
    const built = appFromContext({ drills: { service: { stopTimeoutSeconds: 100, name: 'checkout' } }, 'service.stopTimeoutSeconds': '90' });
    expect(built.workload.stackName).toBe('Checkout-Workload');
    const containers = Object.values(Template.fromStack(built.workload).findResources('AWS::ECS::TaskDefinition'))[0].Properties.ContainerDefinitions;
    expect(containers.find((c: { Name: string }) => c.Name === 'app').StopTimeout).toBe(90);
  });

  test('fails with every config problem before building anything', () => {
    expect(() => appFromContext({ 'service.desiredCount': '1', 'service.azCount': '1' })).toThrow(ConfigError);
  });
});
