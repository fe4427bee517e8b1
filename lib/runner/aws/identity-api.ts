import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';

export interface CallerIdentity {
  readonly account: string;
  /** The caller's ARN: recorded as the operator of the experiments it starts. */
  readonly arn: string;
  /** The region the clients resolved from the default chain. */
  readonly region: string;
}

/** The STS operation the runner needs. */
export interface IdentityApi {
  callerIdentity(): Promise<CallerIdentity>;
}

export function identityApi(client: STSClient): IdentityApi {
  return {
    async callerIdentity() {
      const out = await client.send(new GetCallerIdentityCommand({}));
      const region = await client.config.region();
      return { account: out.Account ?? '', arn: out.Arn ?? '', region };
    },
  };
}
