import { DescribeStacksCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';

export interface StackOutputs {
  readonly stackName: string;
  /** `arn:aws:cloudformation:<region>:<account>:stack/<name>/<id>` */
  readonly stackId?: string;
  readonly outputs: Readonly<Record<string, string>>;
}

/** The CloudFormation operation the runner needs: one stack's outputs. */
export interface StackApi {
  outputs(stackName: string): Promise<StackOutputs>;
}

export function stackApi(client: CloudFormationClient): StackApi {
  return {
    async outputs(stackName) {
      const out = await client.send(new DescribeStacksCommand({ StackName: stackName }));
      const stack = out.Stacks?.[0];
      if (!stack) throw new Error(`CloudFormation stack ${stackName} not found`);
      const outputs: Record<string, string> = {};
      for (const o of stack.Outputs ?? []) if (o.OutputKey && o.OutputValue !== undefined) outputs[o.OutputKey] = o.OutputValue;
      return { stackName: stack.StackName ?? stackName, stackId: stack.StackId, outputs };
    },
  };
}
