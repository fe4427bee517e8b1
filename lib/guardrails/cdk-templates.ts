/**
 * Renders the stacks of a CDK app into the same template shape `drills doctor` reads, so the
 * Aspect runs the pack on CloudFormation as synthesized. Each resource carries its construct
 * path in `aws:cdk:path`, which maps a finding back to its construct.
 */
import { CfnResource, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { NamedTemplate } from './types';

export interface RenderedStacks {
  readonly templates: readonly NamedTemplate[];
  /** Construct path → the CfnResource, for annotating findings. */
  readonly byPath: ReadonlyMap<string, CfnResource>;
}

interface Renderable {
  _toCloudFormation(): { Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }> };
}

export function renderStacks(root: IConstruct): RenderedStacks {
  const byPath = new Map<string, CfnResource>();
  const stacks = root.node.findAll().filter((c): c is Stack => Stack.isStack(c));
  const templates = stacks.map((stack): NamedTemplate => {
    const resources: Record<string, { Type?: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }> = {};
    for (const res of stack.node.findAll()) {
      if (!CfnResource.isCfnResource(res) || Stack.of(res) !== stack) continue;
      let rendered;
      try {
        // The same rendering synth does (overrides, property names), resolved in this stack.
        rendered = stack.resolve((res as unknown as Renderable)._toCloudFormation());
      } catch {
        continue; // CDK reports invalid resources itself at synth
      }
      for (const [logicalId, body] of Object.entries(rendered?.Resources ?? {}) as [string, { Type?: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }][]) {
        resources[logicalId] = { ...body, Metadata: { ...(body.Metadata ?? {}), 'aws:cdk:path': res.node.path } };
        byPath.set(res.node.path, res);
      }
    }
    return { name: stack.node.path, template: { Resources: resources } };
  });
  return { templates, byPath };
}
