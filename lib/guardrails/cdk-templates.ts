/**
 * Renders the stacks of a CDK app into the same template shape `drills doctor` reads, so the
 * Aspect runs the pack on CloudFormation as synthesized. Each resource carries its construct
 * path in `aws:cdk:path`, which maps a finding back to its construct.
 */
import { CfnOutput, CfnResource, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { NamedTemplate } from './types';

export interface RenderedStacks {
  readonly templates: readonly NamedTemplate[];
  /** Construct path → the CfnResource, for annotating findings. */
  readonly byPath: ReadonlyMap<string, CfnResource>;
}

type ResourceBody = { Type?: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> };
type OutputBody = { Value?: unknown; Export?: { Name?: unknown } };

interface Renderable {
  _toCloudFormation(): { Resources?: Record<string, ResourceBody>; Outputs?: Record<string, OutputBody> };
}

/** The same rendering synth does (overrides, property names), resolved in the element's stack. */
function render(stack: Stack, element: CfnResource | CfnOutput): ReturnType<Renderable['_toCloudFormation']> | undefined {
  try {
    return stack.resolve((element as unknown as Renderable)._toCloudFormation());
  } catch {
    return undefined; // CDK reports invalid elements itself at synth
  }
}

export function renderStacks(root: IConstruct): RenderedStacks {
  const byPath = new Map<string, CfnResource>();
  const stacks = root.node.findAll().filter((c): c is Stack => Stack.isStack(c));
  const templates = stacks.map((stack): NamedTemplate => {
    const resources: Record<string, ResourceBody> = {};
    const outputs: Record<string, OutputBody> = {};
    for (const element of stack.node.findAll()) {
      const isResource = CfnResource.isCfnResource(element);
      if (!(isResource || element instanceof CfnOutput) || Stack.of(element) !== stack) continue;
      const rendered = render(stack, element);
      // Exports matter: a reference from another stack arrives as Fn::ImportValue of one.
      Object.assign(outputs, rendered?.Outputs ?? {});
      if (!isResource) continue;
      for (const [logicalId, body] of Object.entries(rendered?.Resources ?? {})) {
        resources[logicalId] = { ...body, Metadata: { ...(body.Metadata ?? {}), 'aws:cdk:path': element.node.path } };
        byPath.set(element.node.path, element);
      }
    }
    return { name: stack.node.path, template: { Resources: resources, Outputs: outputs } };
  });
  return { templates, byPath };
}
