/**
 * The real app, built as bin/app.ts builds it (buildGuardedApp): no guardrail error,
 * no cdk-nag AwsSolutions finding left unacknowledged. A new finding fails `npm test` here.
 */
import { App, Validations } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { catalogue } from '../../experiments';
import { configWith, type DrillsConfigOverrides } from '../../lib/config';
import { APP_NAG_ACKNOWLEDGEMENTS } from '../../lib/guardrails';
import type { DrillsApp } from '../../lib/stacks/build-app';
import { buildGuardedApp } from '../../lib/stacks/build-guarded-app';
import { demoImageDirectory } from '../stacks/synth-app';
import { errorsOf, synthWithReport } from './validation-report';
import { expectEvery } from '../helpers/expect-every';

function buildAsBinApp(overrides: DrillsConfigOverrides = {}, tweak: (built: DrillsApp) => void = () => {}) {
  const app = new App();
  const config = configWith(overrides);
  const built = buildGuardedApp(app, { config, catalogue, demoImageDirectory: demoImageDirectory() });
  tweak(built);
  return { app };
}

describe('the app as bin/app.ts builds it, under the guardrails', () => {
  it.each<[string, DrillsConfigOverrides]>([
    ['the default config', {}],
    ['production', { drills: { environment: 'production' } }],
    ["game days, reports and the dead-man's switch", { drills: { gameDays: true, gameDaysEnabled: true, reportBucket: 'drill-reports', deadMansSwitch: true } }],
    ['a database (service.database)', { service: { database: true } }],
    ['a database in production', { service: { database: true }, drills: { environment: 'production' } }],
  ])('synthesizes with no unacknowledged cdk-nag finding and no guardrail error (%s)', (_name, overrides) => {
    const { app } = buildAsBinApp(overrides);
    const outcome = synthWithReport(app);
    expect(outcome.error).toBeUndefined();
    expect(errorsOf(outcome)).toEqual([]);
  });

  it('fails synth with a guardrail error when the real task definition breaks the drain budget', () => {
    const { app } = buildAsBinApp({}, (built) => {
      const td = built.workload.workload.taskDefinition.node.defaultChild as ecs.CfnTaskDefinition;
      td.addPropertyOverride('ContainerDefinitions.0.StopTimeout', 300);
    });
    const outcome = synthWithReport(app);
    expect(outcome.failed).toBe(true);
    expect(errorsOf(outcome)).toEqual([expect.stringMatching(/TaskDefinition\/Resource: DRILL-DRAIN-1: .*stopTimeout 300 s/)]);
  });

  it('fails synth on a cdk-nag finding that no acknowledgement covers', () => {
    const { app } = buildAsBinApp({}, (built) => {
      new s3.Bucket(built.workload, 'Unreviewed');
    });
    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
  });
});

describe("the app's cdk-nag acknowledgements", () => {
  it('each covers a finding of the real app, so none is stale', () => {
    const { app } = buildAsBinApp({ service: { database: true }, drills: { gameDays: true, reportBucket: 'drill-reports' } });
    app.synth();
    const reasonsUsed = new Set(
      app.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).flatMap((m) => Object.values(m.data as Record<string, string>))),
    );
    expect(APP_NAG_ACKNOWLEDGEMENTS.filter((a) => !reasonsUsed.has(a.reason)).map((a) => a.finding.source)).toEqual([]);
  });

  it('state a reason of at least 40 characters for each', () => {
    expectEvery(APP_NAG_ACKNOWLEDGEMENTS, (a) => a.reason.length >= 40, 'cdk-nag acknowledgements');
  });
});
