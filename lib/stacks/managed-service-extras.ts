/**
 * A managed service's config extras (`service.environment`, `secrets`, `taskRolePolicyStatements`,
 * `cpuArchitecture`, `internal`, `https`, `sidecars`; lib/config-managed-settings.ts) as
 * DrainReadyFargateService props. Secrets stay references: each becomes an `ecs.Secret` on the
 * secret or parameter (imported by ARN or name, nothing looked up), so the template holds its ARN
 * and the execution role gets read access to it.
 */
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import type { ServiceProfile } from '../config';
import type { SecretReference } from '../config-managed-settings';
import type { DrainReadyFargateServiceProps } from '../workload/drain-ready-props';
import { secretFromArn } from '../workload/secret-from-arn';

type PolicyStatementSetting = NonNullable<ServiceProfile['taskRolePolicyStatements']>[number];
type Sidecars = NonNullable<ServiceProfile['sidecars']>;

type Extras = Pick<DrainReadyFargateServiceProps, 'environment' | 'secrets' | 'taskRolePolicyStatements' | 'cpuArchitecture' | 'internal' | 'certificateArn' | 'redirectHttp' | 'sidecars'>;

/** The props for `profile`'s extras; secrets are imported under `scope` (ids `Secret-<NAME>`). */
export function managedServiceExtras(scope: Construct, profile: ServiceProfile): Extras {
  const secretsScope = new Construct(scope, 'ConfigSecrets');
  return {
    ...(profile.environment ? { environment: { ...profile.environment } } : {}),
    ...(profile.secrets ? { secrets: secretsOf(secretsScope, 'app', profile.secrets) } : {}),
    ...(profile.taskRolePolicyStatements ? { taskRolePolicyStatements: profile.taskRolePolicyStatements.map(statementOf) } : {}),
    cpuArchitecture: profile.cpuArchitecture === 'ARM64' ? ecs.CpuArchitecture.ARM64 : ecs.CpuArchitecture.X86_64,
    ...(profile.internal ? { internal: true } : {}),
    ...(profile.https ? { certificateArn: profile.https.certificateArn, redirectHttp: profile.https.redirectHttp } : {}),
    ...(profile.sidecars ? { sidecars: sidecarsOf(secretsScope, profile.sidecars) } : {}),
  };
}

function secretsOf(scope: Construct, container: string, secrets: Readonly<Record<string, SecretReference>>): Record<string, ecs.Secret> {
  return Object.fromEntries(Object.entries(secrets).map(([name, ref]) => [name, secretOf(scope, `${container}-${name}`, ref)]));
}

function secretOf(scope: Construct, id: string, ref: SecretReference): ecs.Secret {
  if (typeof ref === 'string') return secretFromArn(scope, id, ref);
  if ('ssmParameter' in ref) {
    if (ref.ssmParameter.startsWith('arn:')) return secretFromArn(scope, id, ref.ssmParameter);
    return ecs.Secret.fromSsmParameter(ssm.StringParameter.fromSecureStringParameterAttributes(scope, id, { parameterName: ref.ssmParameter }));
  }
  if (ref.secretsManager.startsWith('arn:')) return secretFromArn(scope, id, ref.secretsManager, ref.field);
  return ecs.Secret.fromSecretsManager(secretsmanager.Secret.fromSecretNameV2(scope, id, ref.secretsManager), ref.field);
}

function statementOf(s: PolicyStatementSetting): iam.PolicyStatement {
  return new iam.PolicyStatement({
    effect: s.effect === 'Deny' ? iam.Effect.DENY : iam.Effect.ALLOW,
    actions: [...s.actions],
    resources: [...s.resources],
    ...(s.conditions ? { conditions: s.conditions as Record<string, Record<string, unknown>> } : {}),
  });
}

function sidecarsOf(scope: Construct, sidecars: Sidecars): Record<string, ecs.ContainerDefinitionOptions> {
  return Object.fromEntries(
    Object.entries(sidecars).map(([name, s]) => [
      name,
      {
        image: ecs.ContainerImage.fromRegistry(s.image),
        essential: s.essential ?? false,
        ...(s.command ? { command: [...s.command] } : {}),
        ...(s.environment ? { environment: { ...s.environment } } : {}),
        ...(s.secrets ? { secrets: secretsOf(scope, name, s.secrets) } : {}),
        ...(s.cpu !== undefined ? { cpu: s.cpu } : {}),
        ...(s.memoryReservationMiB !== undefined ? { memoryReservationMiB: s.memoryReservationMiB } : {}),
        ...(s.containerPort !== undefined ? { portMappings: [{ containerPort: s.containerPort }] } : {}),
      } satisfies ecs.ContainerDefinitionOptions,
    ]),
  );
}
