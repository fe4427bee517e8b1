/**
 * The contract between layers (lib/contract.ts), checked end to end: the app is synthesized, its
 * stacks "deployed" by substitution (the fake's deployment), and what the stacks wrote is read
 * back with the readers on the other side — the runner's outputs reader, the guardrails'
 * task-definition reader, and the demo service's own env reader (which spells the names itself).
 */
import { catalogue } from '../experiments';
import { configWith } from '../lib/config';
import { DRILL_TAG, SERVICE_ENV } from '../lib/contract';
import { essentialContainers, longestRequestSeconds, TASK_DEFINITION } from '../lib/guardrails/rules/ecs-links';
import { templateView } from '../lib/guardrails/template-view';
import { resolveOutputs, templateIdFor } from '../lib/runner/aws/resolve-outputs';
import { readEnv } from '../service/src/env';
import { deployByResolving } from './fixtures/fake-aws/fake-deployment';
import { FAKE_CONFIG, synthesizedTemplates } from './fixtures/fake-aws/synthesized-templates';

const SYNTH_TIMEOUT_MS = 240_000;
const synth = () => synthesizedTemplates();
const config = configWith(FAKE_CONFIG);

describe('the contract between the stacks and their readers', () => {
  test(
    "the runner finds the service and every drill's template in the outputs the stacks write",
    () => {
      const deployment = deployByResolving(synth());
      const deployed = resolveOutputs(deployment.outputs);
      expect(deployed).toMatchObject({ clusterName: deployment.cluster.name, serviceName: deployment.service.name });
      expect(deployed.serviceUrl).toMatch(/^http:\/\//);
      expect(deployed.loadBalancerFullName).toMatch(/^app\//);
      expect(deployed.targetGroupFullName).toMatch(/^targetgroup\//);
      // Every template the stacks made is found by the runner under the drill its tag names.
      const tagged = deployment.templates.map((t) => t.tags[DRILL_TAG]);
      expect(tagged.length).toBeGreaterThanOrEqual(3);
      expect(tagged.filter((id) => !catalogue.some((d) => d.id === id))).toEqual([]);
      expect(deployment.templates.map((t) => templateIdFor(deployed, t.tags[DRILL_TAG]))).toEqual(deployment.templates.map((t) => t.id));
    },
    SYNTH_TIMEOUT_MS,
  );

  test(
    'the service reads its port and drain deadline from the environment the task definition gives it',
    () => {
      const { workload } = synth();
      const view = templateView([{ name: workload.stackName, template: workload.template }]);
      const [taskDefinition] = view.ofType(TASK_DEFINITION);
      const [app] = essentialContainers(taskDefinition);
      const env = Object.fromEntries((app.Environment as { Name: string; Value: string }[]).map((e) => [e.Name, e.Value]));
      expect(readEnv(env)).toMatchObject({ port: config.service.containerPort, drainTimeoutMs: config.service.drainTimeoutMs });
      expect(Object.keys(env)).toEqual(expect.arrayContaining([SERVICE_ENV.port, SERVICE_ENV.drainTimeoutMs]));
    },
    SYNTH_TIMEOUT_MS,
  );

  test(
    'the drain guardrails read the longest request from the tag the task definition carries',
    () => {
      const { workload } = synth();
      const view = templateView([{ name: workload.stackName, template: workload.template }]);
      const [taskDefinition] = view.ofType(TASK_DEFINITION);
      expect(longestRequestSeconds(taskDefinition, { template: view, environment: 'non-production' })).toBe(config.service.longestRequestSeconds);
    },
    SYNTH_TIMEOUT_MS,
  );

  test('the service reads every name the local engine gives it', () => {
    const env = { [SERVICE_ENV.port]: '9001', [SERVICE_ENV.host]: '127.0.0.1', [SERVICE_ENV.taskId]: 't1-zone-a', [SERVICE_ENV.zone]: 'zone-a', [SERVICE_ENV.drainTimeoutMs]: '8000' };
    expect(readEnv(env)).toEqual({ port: 9001, host: '127.0.0.1', task: 't1-zone-a', zone: 'zone-a', drainTimeoutMs: 8000 });
  });
});
