/** Test support: a JSON CloudFormation template written as YAML with short-form intrinsic tags, as people write it. */
import { Document, isMap, Scalar, YAMLSeq, type Node } from 'yaml';

const isRow = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function shortForm(doc: Document, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => shortForm(doc, v));
  if (!isRow(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
    const fn = keys[0].replace(/^Fn::/, '');
    const arg = value[keys[0]];
    let node: Node;
    if (fn === 'GetAtt' && Array.isArray(arg)) node = new Scalar(arg.join('.'));
    else if (Array.isArray(arg)) node = doc.createNode(shortForm(doc, arg)) as YAMLSeq;
    else node = new Scalar(arg);
    node.tag = `!${fn}`;
    return node;
  }
  return Object.fromEntries(keys.map((k) => [k, shortForm(doc, value[k])]));
}

export function toShortFormYaml(template: unknown): string {
  const doc = new Document();
  doc.contents = doc.createNode(shortForm(doc, template));
  if (!isMap(doc.contents)) throw new Error('a template is a map at the top');
  return doc.toString();
}
