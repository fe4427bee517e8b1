import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { DrainReadyFargateService, SSM_AGENT_IMAGE, secretFromArn, type DrainReadyFargateServiceProps } from '../../lib/workload';
import { tlsVerdicts as tlsVerdictsOf } from '../helpers/tls-verdicts';
import { demoImageDirectory } from '../stacks/synth-app';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders/db-AbC123';
const PARAMETER_ARN = 'arn:aws:ssm:eu-west-1:123456789012:parameter/orders/api-key';
const CERTIFICATE_ARN = 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666';
const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/team/orders:3');
const healthCheck = { command: ['CMD', '/app/health'] };

function build(props: (stack: Stack) => DrainReadyFargateServiceProps) {
  const app = new App();
  const stack = new Stack(app, 'Orders');
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 }) });
  const service = new DrainReadyFargateService(stack, 'Orders', { cluster, image, healthCheck, ...props(stack) });
  return { app, stack, service, t: Template.fromStack(stack) };
}

const tlsVerdicts = (stack: Stack) => tlsVerdictsOf(stack, 'Orders/Orders/');

describe('DrainReadyFargateService for a real service', () => {
  test('gives the app its environment beside PORT and DRAIN_TIMEOUT_MS, and its secrets as ARNs the execution role may read', () => {
    const { t } = build((stack) => ({
      environment: { LOG_LEVEL: 'info' },
      secrets: { DB_PASSWORD: secretFromArn(stack, 'Db', SECRET_ARN, 'password'), API_KEY: secretFromArn(stack, 'ApiKey', PARAMETER_ARN) },
    }));
    t.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: Match.arrayWith([
        Match.objectLike({
          Name: 'app',
          Environment: [
            { Name: 'LOG_LEVEL', Value: 'info' },
            { Name: 'PORT', Value: '8080' },
            { Name: 'DRAIN_TIMEOUT_MS', Value: '110000' },
          ],
          Secrets: [
            { Name: 'DB_PASSWORD', ValueFrom: `${SECRET_ARN}:password::` },
            { Name: 'API_KEY', ValueFrom: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':parameter/orders/api-key$')])] } },
          ],
        }),
      ]),
    });
    const policies = JSON.stringify(Template.fromJSON(t.toJSON()).findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('ExecutionRole') }] } }));
    expect(policies).toContain('secretsmanager:GetSecretValue');
    expect(policies).toContain(SECRET_ARN);
    expect(policies).toContain('ssm:GetParameters');
  });

  test('rejects a secret given as a value rather than an ARN', () => {
    expect(() => secretFromArn(new Stack(), 'S', 'hunter2')).toThrow(/"hunter2" is not a Secrets Manager secret ARN .* or an SSM parameter ARN .*never the value/);
  });

  test('adds the task-role statements the app needs', () => {
    const { t } = build(() => ({ taskRolePolicyStatements: [new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:eu-west-1:123456789012:orders'] })] }));
    t.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('OrdersTaskDefinitionTaskRole') }],
      PolicyDocument: Match.objectLike({ Statement: Match.arrayWith([Match.objectLike({ Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:123456789012:orders' })]) }),
    });
  });

  test('runs on ARM64 (Graviton), building the demo image for linux/arm64, with the SSM sidecar image beside it', () => {
    const app = new App();
    const stack = new Stack(app, 'Graviton');
    new DrainReadyFargateService(stack, 'Svc', { cpuArchitecture: ecs.CpuArchitecture.ARM64, demoImageDirectory: demoImageDirectory() });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ECS::TaskDefinition', {
      RuntimePlatform: { OperatingSystemFamily: 'LINUX', CpuArchitecture: 'ARM64' },
      ContainerDefinitions: Match.arrayWith([Match.objectLike({ Name: 'ssm-agent', Image: SSM_AGENT_IMAGE })]),
    });
    const assembly = app.synth();
    const assets = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'Graviton.assets.json'), 'utf8')) as { dockerImages: Record<string, { source: { platform?: string } }> };
    expect(Object.values(assets.dockerImages).map((i) => i.source.platform)).toEqual(['linux/arm64']);
  });

  test('puts an internal load balancer in the private subnets', () => {
    const { t } = build(() => ({ internal: true }));
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internal',
      Subnets: [{ Ref: Match.stringLikeRegexp('PrivateSubnet1') }, { Ref: Match.stringLikeRegexp('PrivateSubnet2') }],
    });
  });

  test("serves HTTPS with the ACM certificate on 443 and redirects HTTP on 80 to it, meeting cdk-nag's TLS rules", () => {
    const { stack, service, t } = build(() => ({ certificateArn: CERTIFICATE_ARN }));
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      Certificates: [{ CertificateArn: CERTIFICATE_ARN }],
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: Match.stringLikeRegexp('OrdersLoadBalancerHttpsApp') } }],
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { LoadBalancerAttributes: Match.arrayWith([{ Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' }]) });
    expect(service.serviceUrl).toMatch(/^https:\/\//);
    // ELBv2ACMCertificateRequired asks every listener for a certificate: the port-80 listener only
    // redirects and cannot hold one; redirectHttp: false drops it (next test).
    expect(tlsVerdicts(stack)).toEqual({
      ALBHttpToHttpsRedirection: { 'LoadBalancer/Https/Resource': 'Compliant', 'LoadBalancer/Http/Resource': 'Compliant' },
      ELBv2ACMCertificateRequired: { 'LoadBalancer/Https/Resource': 'Compliant', 'LoadBalancer/Http/Resource': 'Non-Compliant' },
      ALBHttpDropInvalidHeaderEnabled: { 'LoadBalancer/Resource': 'Compliant' },
    });
  });

  test('serves HTTPS only, every TLS rule met, with redirectHttp false', () => {
    const { stack, t } = build(() => ({ certificateArn: CERTIFICATE_ARN, redirectHttp: false }));
    t.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 1);
    expect(tlsVerdicts(stack)).toEqual({
      ALBHttpToHttpsRedirection: { 'LoadBalancer/Https/Resource': 'Compliant' },
      ELBv2ACMCertificateRequired: { 'LoadBalancer/Https/Resource': 'Compliant' },
      ALBHttpDropInvalidHeaderEnabled: { 'LoadBalancer/Resource': 'Compliant' },
    });
  });

  test("fails cdk-nag's TLS rules with HTTP only, so the HTTPS case above is a real check", () => {
    const { stack } = build(() => ({}));
    expect(tlsVerdicts(stack)).toEqual({
      ALBHttpToHttpsRedirection: { 'LoadBalancer/Http/Resource': 'Non-Compliant' },
      ELBv2ACMCertificateRequired: { 'LoadBalancer/Http/Resource': 'Non-Compliant' },
      ALBHttpDropInvalidHeaderEnabled: { 'LoadBalancer/Resource': 'Non-Compliant' },
    });
  });

  test("adds extra sidecar containers by name, logging to the service's log group unless they say otherwise", () => {
    const { t, service } = build(() => ({
      sidecars: { 'otel-collector': { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0'), essential: false, memoryReservationMiB: 64 } },
    }));
    t.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: Match.arrayWith([
        Match.objectLike({
          Name: 'otel-collector',
          Essential: false,
          MemoryReservation: 64,
          LogConfiguration: Match.objectLike({ LogDriver: 'awslogs', Options: Match.objectLike({ 'awslogs-stream-prefix': 'otel-collector' }) }),
        }),
      ]),
    });
    expect(Object.keys(service.sidecarContainers)).toEqual(['otel-collector']);
  });
});
