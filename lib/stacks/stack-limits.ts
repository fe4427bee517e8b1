/**
 * CloudFormation's limits per template, checked on every stack of the app at synth: at most 500
 * resources and 200 outputs (CloudFormation User Guide, "Understand CloudFormation quotas"; the
 * archived awsdocs copy of that page still shows the older 200 and 60). The app stays under them
 * by construction — one pair of stacks per service, so a stack grows with its own service's drills,
 * never with the number of services — and this validation says so if a change ever breaks that.
 */
import { CfnOutput, CfnResource, Stack } from 'aws-cdk-lib';
import type { IValidation } from 'constructs';

export const MAX_RESOURCES_PER_STACK = 500;
export const MAX_OUTPUTS_PER_STACK = 200;

/** The resources and outputs synth will write into `stack`'s template. */
export function stackSize(stack: Stack): { resources: number; outputs: number } {
  const own = stack.node.findAll().filter((c) => Stack.of(c) === stack);
  return { resources: own.filter((c) => CfnResource.isCfnResource(c)).length, outputs: own.filter((c) => c instanceof CfnOutput).length };
}

/** Fails synth when `stack` exceeds either limit, naming the count and what to do. */
export function stackLimits(stack: Stack): IValidation {
  return {
    validate: () => {
      const { resources, outputs } = stackSize(stack);
      const problems: string[] = [];
      if (resources > MAX_RESOURCES_PER_STACK)
        problems.push(`${stack.stackName} has ${resources} resources; CloudFormation takes at most ${MAX_RESOURCES_PER_STACK} per stack: give the service fewer drills (services[].drills)`);
      if (outputs > MAX_OUTPUTS_PER_STACK)
        problems.push(`${stack.stackName} has ${outputs} outputs; CloudFormation takes at most ${MAX_OUTPUTS_PER_STACK} per stack: give the service fewer drills (services[].drills)`);
      return problems;
    },
  };
}
