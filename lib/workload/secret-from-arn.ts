import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';

const SECRETS_MANAGER = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[^:]+$/;
const COMPLETE_SECRET = /-[A-Za-z0-9]{6}$/;
const SSM_PARAMETER = /^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/(.+)$/;

/**
 * A container secret from the ARN of a Secrets Manager secret (complete, with its 6-character
 * suffix, or partial) or of an SSM Parameter Store parameter (SecureString or String): the task
 * definition holds the ARN, ECS fetches the value at task start with the execution role, which
 * gets read access to that ARN. `field` picks a JSON key of a Secrets Manager secret.
 * @throws Error when the ARN is neither, or `field` is given for a parameter.
 */
export function secretFromArn(scope: Construct, id: string, arn: string, field?: string): ecs.Secret {
  if (SECRETS_MANAGER.test(arn)) {
    const secret = COMPLETE_SECRET.test(arn) ? secretsmanager.Secret.fromSecretCompleteArn(scope, id, arn) : secretsmanager.Secret.fromSecretPartialArn(scope, id, arn);
    return ecs.Secret.fromSecretsManager(secret, field);
  }
  const parameter = SSM_PARAMETER.exec(arn);
  if (parameter) {
    if (field !== undefined) throw new Error(`secretFromArn: field "${field}" is given for SSM parameter ${arn}; fields exist only in Secrets Manager JSON secrets, drop it`);
    // `parameter/app/db` names `/app/db`; `parameter/db` names `db` (SSM ARNs drop the leading slash).
    const name = parameter[1].includes('/') ? `/${parameter[1]}` : parameter[1];
    return ecs.Secret.fromSsmParameter(ssm.StringParameter.fromSecureStringParameterAttributes(scope, id, { parameterName: name }));
  }
  throw new Error(
    `secretFromArn: "${arn}" is not a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>) or an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>); give a reference, never the value`,
  );
}
