import { App, CfnOutput, CfnResource, Stack } from 'aws-cdk-lib';
import { MAX_OUTPUTS_PER_STACK, MAX_RESOURCES_PER_STACK, stackLimits, stackSize } from '../../lib/stacks/stack-limits';

function stackWith(resources: number, outputs: number): { app: App; stack: Stack } {
  const app = new App();
  const stack = new Stack(app, 'Big');
  for (let i = 0; i < resources; i += 1) new CfnResource(stack, `Topic${i}`, { type: 'AWS::SNS::Topic' });
  for (let i = 0; i < outputs; i += 1) new CfnOutput(stack, `Out${i}`, { value: String(i) });
  stack.node.addValidation(stackLimits(stack));
  return { app, stack };
}

describe('the per-stack CloudFormation limits, checked at synth', () => {
  it('accepts a stack at the limits', () => {
    const { app, stack } = stackWith(MAX_RESOURCES_PER_STACK, MAX_OUTPUTS_PER_STACK);
    expect(stackSize(stack)).toEqual({ resources: 500, outputs: 200 });
    expect(() => app.synth()).not.toThrow();
  });

  it('fails synth for a stack over either limit, naming the counts and what to do', () => {
    expect(() => stackWith(MAX_RESOURCES_PER_STACK + 1, MAX_OUTPUTS_PER_STACK + 1).app.synth()).toThrow(
      /Big has 501 resources; CloudFormation takes at most 500 per stack: give the service fewer drills[\s\S]*Big has 201 outputs; CloudFormation takes at most 200/,
    );
  });
});
