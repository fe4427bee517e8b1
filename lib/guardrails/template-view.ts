/**
 * A read-only view over one or more synthesized templates (the stacks of an app, or the
 * templates `drills doctor` reads), and the small intrinsic resolver the rules need: `Ref`,
 * `Fn::GetAtt` (both forms) and `Fn::ImportValue` of another template's export.
 */
import type { CfnResourceView, NamedTemplate, TemplateView } from './types';

type Row = Record<string, unknown>;

const isRow = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);

export function templateView(templates: readonly NamedTemplate[]): TemplateView {
  const resources: CfnResourceView[] = templates.flatMap(({ name, template }) =>
    Object.entries(template.Resources ?? {}).map(([logicalId, r]) => ({
      stack: name,
      logicalId,
      type: String(r?.Type ?? ''),
      properties: isRow(r?.Properties) ? r.Properties : {},
      metadata: isRow(r?.Metadata) ? r.Metadata : {},
    })),
  );

  const byId = (logicalId: string, stack: string): CfnResourceView | undefined => {
    const local = resources.find((r) => r.logicalId === logicalId && r.stack === stack);
    if (local) return local;
    // A cross-stack reference seen before CDK turns it into an import: the id is in another stack.
    const elsewhere = resources.filter((r) => r.logicalId === logicalId);
    return elsewhere.length === 1 ? elsewhere[0] : undefined;
  };

  const exported = (exportName: string): { stack: string; value: unknown } | undefined => {
    for (const { name, template } of templates) {
      for (const output of Object.values(template.Outputs ?? {})) {
        if (output?.Export?.Name === exportName) return { stack: name, value: output.Value };
      }
    }
    return undefined;
  };

  const resolveIn = (value: unknown, stack: string, depth: number): CfnResourceView | undefined => {
    if (!isRow(value) || depth > 4) return undefined;
    if (typeof value.Ref === 'string') return byId(value.Ref, stack);
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return byId(getAtt[0], stack);
    if (typeof getAtt === 'string') return byId(getAtt.split('.')[0], stack);
    const importName = value['Fn::ImportValue'];
    if (typeof importName === 'string') {
      const source = exported(importName);
      return source ? resolveIn(source.value, source.stack, depth + 1) : undefined;
    }
    return undefined;
  };

  return {
    resources,
    resolveResource: (value, from) => resolveIn(value, from.stack, 0),
    ofType: (type, from) => {
      const all = resources.filter((r) => r.type === type);
      return from ? [...all.filter((r) => r.stack === from.stack), ...all.filter((r) => r.stack !== from.stack)] : all;
    },
  };
}
