/**
 * Parses a CloudFormation YAML template with the `yaml` library, turning the short-form
 * intrinsic tags (`!Ref`, `!GetAtt`, `!Sub`, `!Join`, `!If` …) into their JSON long form
 * (`{ "Ref": … }`, `{ "Fn::GetAtt": [resource, attribute] }` …), as CloudFormation reads them
 * (CloudFormation User Guide, "Intrinsic function reference"). Throws the library's YAMLParseError
 * (with line and column) on malformed YAML.
 */
import { parse, type CollectionTag, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml';

const FUNCTIONS = ['Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'ToJsonString', 'Length'];

const longName = (fn: string): string => (fn === 'Ref' || fn === 'Condition' ? fn : `Fn::${fn}`);

function tagsFor(fn: string): (ScalarTag | CollectionTag)[] {
  const key = longName(fn);
  const scalar = (v: string): unknown => {
    if (fn === 'GetAtt') {
      const dot = v.indexOf('.');
      return { [key]: dot < 0 ? [v] : [v.slice(0, dot), v.slice(dot + 1)] };
    }
    // `!Not [x]`, `!GetAZs ''`: a scalar where CloudFormation wants a list or a string; kept as written.
    return { [key]: v };
  };
  return [
    { tag: `!${fn}`, resolve: scalar },
    { tag: `!${fn}`, collection: 'seq', resolve: (v: YAMLSeq) => ({ [key]: v.toJSON() }) },
    { tag: `!${fn}`, collection: 'map', resolve: (v: YAMLMap) => ({ [key]: v.toJSON() }) },
  ] as (ScalarTag | CollectionTag)[];
}

const CFN_TAGS = ['Ref', 'Condition', ...FUNCTIONS].flatMap(tagsFor);

/** The template as plain data, short-form tags expanded. */
export function parseCfnYaml(text: string): unknown {
  return parse(text, { customTags: CFN_TAGS, prettyErrors: true, uniqueKeys: true });
}
