import { App } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { catalogue } from '../../experiments';
import { loadServices } from '../../lib/config-services';
import { buildGuardedServices } from '../../lib/stacks/build-guarded-app';
import { synthWithReport } from '../guardrails/validation-report';
import { EXISTING_PAYMENTS } from './two-services';

/** An app with one existing service (no Workload stack: quick to synthesize), its findings after synth. */
function synthExisting(entry: Record<string, unknown>, drillOptions: Record<string, unknown> = {}) {
  const app = new App();
  const context = { drills: drillOptions, services: [{ name: 'payments', existing: EXISTING_PAYMENTS, ...entry }] };
  const [built] = buildGuardedServices(app, { services: loadServices((k) => (k === 'drills' ? context : undefined), { catalogue }), catalogue });
  // The guardrails' findings come from the validation report; the app's own warnings from its annotations.
  const outcome = synthWithReport(app);
  const guardrails = (severity: string) => outcome.violations.filter((v) => v.severity === severity && v.path.startsWith(`${built.drills.node.path}/`)).map((v) => v.description);
  const annotations = outcome.failed ? undefined : Annotations.fromStack(built.drills);
  const text = (found: { entry: { data?: unknown } }[] = []) => found.map((f) => String(f.entry.data));
  return {
    warnings: [...text(annotations?.findWarning('*', Match.anyValue())), ...guardrails('warning')],
    errors: [...text(annotations?.findError('*', Match.anyValue())), ...guardrails('error')],
  };
}

const { dedicatedSubnets: _d, ...sharedSubnets } = EXISTING_PAYMENTS;

describe('synth of an existing service', () => {
  it("warns that its task definition is not the app's to see when a drill runs inside the task, and names the checks of the deployed one", () => {
    const { warnings } = synthExisting({});
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^task-hard-kill \(aws:ecs:task-kill-process\) run\(s\) inside the task, but the task definition of the existing service payments-api \(cluster platform-prod\) is not in this app.*SSM agent sidecar, pidMode: task and enableFaultInjection: true\. `drills preflight task-hard-kill --service payments` and `drills doctor --live --cluster platform-prod --service payments-api` check the deployed one/,
        ),
      ]),
    );
  });

  it('says nothing of the task definition when no drill runs inside the task', () => {
    expect(synthExisting({ drills: ['task-stop-drain', 'az-outage'] }).warnings).toEqual([]);
  });

  it("warns (DRILL-FIS-21) when az-outage would cut subnets of a VPC the app did not build and config does not say they are the service's own", () => {
    const { warnings, errors } = synthExisting({ existing: sharedSubnets, drills: ['az-outage'] });
    expect(warnings).toEqual([expect.stringMatching(/^DRILL-FIS-21: .*"vpc-0a1b2c3d4e5f60718" in its zone, a VPC this app did not build.*existing\.dedicatedSubnets: true/)]);
    expect(errors).toEqual([]);
  });

  it('fails synth (DRILL-FIS-21 as an error) for the same drill in production', () => {
    expect(synthExisting({ existing: sharedSubnets, drills: ['az-outage'] }, { environment: 'production' }).errors).toEqual([expect.stringMatching(/^DRILL-FIS-21: /)]);
  });
});
