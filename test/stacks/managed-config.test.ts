/**
 * A managed service's extras given as data in cdk.json (`services[].environment`, `secrets`,
 * `taskRolePolicyStatements`, `cpuArchitecture`, `internal`, `https`, `sidecars`), built as
 * bin/app.ts builds the app: from the context, under the guardrails and cdk-nag.
 */
import { App, type Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { catalogue } from '../../experiments';
import { ConfigError } from '../../lib/config';
import { loadServices } from '../../lib/config-services';
import { buildGuardedServices } from '../../lib/stacks/build-guarded-app';
import { errorsOf, synthWithReport } from '../guardrails/validation-report';
import { tlsVerdicts } from '../helpers/tls-verdicts';
import { demoImageDirectory } from './synth-app';
import { EXISTING_PAYMENTS } from './two-services';

const CERTIFICATE_ARN = 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666';
const DB_SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders/db-AbC123';

const ORDERS = {
  name: 'orders',
  imageUri: 'public.ecr.aws/team/orders:3',
  healthCheckCommand: '/app/health',
  environment: { LOG_LEVEL: 'info', REGION_HINT: 'eu-west-1' },
  secrets: {
    DB_PASSWORD: { secretsManager: DB_SECRET_ARN, field: 'password' },
    API_KEY: { ssmParameter: '/orders/api-key' },
    SIGNING_KEY: { secretsManager: 'orders/signing' },
  },
  taskRolePolicyStatements: [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::orders-invoices/latest.csv'] }],
  cpuArchitecture: 'ARM64',
  internal: true,
  https: { certificateArn: CERTIFICATE_ARN },
  sidecars: { 'otel-collector': { image: 'public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0', memoryReservationMiB: 64, environment: { OTEL_LOG: 'warn' } } },
  drills: ['task-stop-drain'],
};

/** What bin/app.ts does with cdk.json's context. */
function appFromContext(drills: unknown) {
  const app = new App({ context: { drills } });
  const services = loadServices((key) => app.node.tryGetContext(key), { catalogue });
  const built = buildGuardedServices(app, { services, catalogue, demoImageDirectory: demoImageDirectory() });
  return { app, built, workload: built[0].workload as Stack };
}

const problemsOf = (drills: unknown): string[] => {
  try {
    appFromContext(drills);
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('a managed service configured in cdk.json with its environment, secrets, role, architecture, internal HTTPS front and sidecars', () => {
  let built: ReturnType<typeof appFromContext>;
  let t: Template;
  beforeAll(() => {
    built = appFromContext({ services: [ORDERS] });
    t = Template.fromStack(built.workload);
  });

  test('gives the app container its environment and its secrets as references, on ARM64', () => {
    t.hasResourceProperties('AWS::ECS::TaskDefinition', {
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
      ContainerDefinitions: Match.arrayWith([
        Match.objectLike({
          Name: 'app',
          Environment: Match.arrayWith([
            { Name: 'LOG_LEVEL', Value: 'info' },
            { Name: 'REGION_HINT', Value: 'eu-west-1' },
          ]),
          Secrets: Match.arrayWith([
            { Name: 'DB_PASSWORD', ValueFrom: `${DB_SECRET_ARN}:password::` },
            Match.objectLike({ Name: 'API_KEY', ValueFrom: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([':parameter/orders/api-key'])]) }) }),
            Match.objectLike({ Name: 'SIGNING_KEY', ValueFrom: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([':secret:orders/signing'])]) }) }),
          ]),
        }),
      ]),
    });
  });

  test('adds the task-role statement and the sidecar container', () => {
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([{ Action: 's3:GetObject', Effect: 'Allow', Resource: 'arn:aws:s3:::orders-invoices/latest.csv' }]) },
      Roles: [{ Ref: Match.stringLikeRegexp('TaskDefinitionTaskRole') }],
    });
    t.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: Match.arrayWith([
        Match.objectLike({
          Name: 'otel-collector',
          Image: 'public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0',
          Essential: false,
          MemoryReservation: 64,
          Environment: [{ Name: 'OTEL_LOG', Value: 'warn' }],
        }),
      ]),
    });
  });

  test('puts an internal ALB in front, HTTPS on 443 with the certificate and HTTP on 80 redirecting to it', () => {
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internal' });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 443, Protocol: 'HTTPS', Certificates: [{ CertificateArn: CERTIFICATE_ARN }] });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 80, DefaultActions: [Match.objectLike({ Type: 'redirect', RedirectConfig: Match.objectLike({ Protocol: 'HTTPS' }) })] });
    expect(t.toJSON().Outputs.ServiceUrl.Value).toEqual({ 'Fn::Join': ['', ['https://', expect.anything()]] });
  });

  test("meets cdk-nag's TLS rules on the listeners (the redirecting port-80 listener holds no certificate: redirectHttp false drops it)", () => {
    expect(tlsVerdicts(built.workload, 'Orders-Workload/Service/')).toEqual({
      ALBHttpToHttpsRedirection: { 'LoadBalancer/Https/Resource': 'Compliant', 'LoadBalancer/Http/Resource': 'Compliant' },
      ELBv2ACMCertificateRequired: { 'LoadBalancer/Https/Resource': 'Compliant', 'LoadBalancer/Http/Resource': 'Non-Compliant' },
      ALBHttpDropInvalidHeaderEnabled: { 'LoadBalancer/Resource': 'Compliant' },
    });
    const httpsOnly = appFromContext({ services: [{ ...ORDERS, https: { certificateArn: CERTIFICATE_ARN, redirectHttp: false } }] });
    expect(Object.values(tlsVerdicts(httpsOnly.workload, 'Orders-Workload/Service/')).flatMap((byPath) => Object.values(byPath))).toEqual(['Compliant', 'Compliant', 'Compliant']);
  });

  test('synthesizes with no guardrail error and no unacknowledged cdk-nag finding', () => {
    const outcome = synthWithReport(built.app);
    expect(outcome.error).toBeUndefined();
    expect(errorsOf(outcome)).toEqual([]);
  });

  test("fails synth on cdk-nag's IAM5 when a task-role statement has a wildcard resource: the app acknowledges none of the service's own grants", () => {
    const wide = appFromContext({ services: [{ ...ORDERS, taskRolePolicyStatements: [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::orders-invoices/*'] }] }] });
    expect(() => wide.app.synth()).toThrow(/AwsSolutions-IAM5\[Resource::arn:aws:s3:::orders-invoices\/\*\]/);
  });
});

describe('managed-service settings that are refused, each with where, what was received and what to do', () => {
  test('rejects a secret given as its value, without echoing it', () => {
    const problems = problemsOf({ services: [{ ...ORDERS, secrets: { DB_PASSWORD: 'hunter2-correct-horse' } }] });
    expect(problems).toEqual([expect.stringMatching(/^services\[0\] "orders": service\.secrets\.DB_PASSWORD: this reads like a secret's value \(a 21-character text, not shown\).*give its ARN/)]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  test('rejects an unknown architecture, an https block without certificate, an owned environment key and a sidecar named like the app', () => {
    const problems = problemsOf({
      services: [{ ...ORDERS, cpuArchitecture: 'arm', https: { redirectHttp: false }, environment: { PORT: '9000' }, sidecars: { app: { image: 'x' } } }],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'services[0] "orders": service.cpuArchitecture is "arm": use "X86_64" or "ARM64"',
        expect.stringMatching(/service\.https\.certificateArn: give the ACM certificate ARN/),
        expect.stringMatching(/service\.environment\.PORT is "9000": PORT is set by the app from containerPort/),
        expect.stringMatching(/service\.sidecars\.app: "app" is a container the app makes/),
      ]),
    );
  });

  test('rejects an unknown key inside https and inside a policy statement', () => {
    const problems = problemsOf({
      services: [{ ...ORDERS, https: { certificateArn: CERTIFICATE_ARN, hsts: true }, taskRolePolicyStatements: [{ actions: ['s3:GetObject'], resources: ['*'], principal: 'x' }] }],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/unknown setting "service\.https\.hsts"; (did you mean .*)?known here: certificateArn, redirectHttp/),
        expect.stringMatching(/service\.taskRolePolicyStatements\.0: unknown key\(s\) "principal"/),
      ]),
    );
  });

  test('rejects managed-only settings on an existing service, without printing secrets', () => {
    const problems = problemsOf({ services: [{ name: 'payments', existing: EXISTING_PAYMENTS, secrets: { A: { ssmParameter: '/x' } }, internal: true }] });
    expect(problems).toEqual([
      expect.stringMatching(/^services\[0\] "payments"\.secrets is set: it applies to a service this app builds/),
      expect.stringMatching(/^services\[0\] "payments"\.internal is true: it applies to a service this app builds/),
    ]);
  });
});
