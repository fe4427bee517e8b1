/** Test helper: a synthesized schedule's `Target.Input` as the JSON Scheduler would send, CloudFormation values shown as `<Ref:Id>`, `<Import:Name>`, `<GetAtt:Id.Attr>`. */
import type { Template } from 'aws-cdk-lib/assertions';

type Part = string | { Ref?: string; 'Fn::ImportValue'?: string; 'Fn::GetAtt'?: [string, string] };

function placeholder(part: Part): string {
  if (typeof part === 'string') return part;
  if (part.Ref) return `<Ref:${part.Ref}>`;
  if (part['Fn::ImportValue']) return `<Import:${part['Fn::ImportValue']}>`;
  if (part['Fn::GetAtt']) return `<GetAtt:${part['Fn::GetAtt'].join('.')}>`;
  throw new Error(`unexpected value in a schedule input: ${JSON.stringify(part)}`);
}

/** Every schedule's input, parsed, in the template's order. */
export function scheduleInputs(t: Template): Record<string, unknown>[] {
  return Object.values(t.findResources('AWS::Scheduler::Schedule')).map((r) => {
    const input = (r.Properties as { Target: { Input: string | { 'Fn::Join': [string, Part[]] } } }).Target.Input;
    const text = typeof input === 'string' ? input : input['Fn::Join'][1].map(placeholder).join(input['Fn::Join'][0]);
    return JSON.parse(text) as Record<string, unknown>;
  });
}
