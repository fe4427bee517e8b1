/**
 * Reads an FIS experiment template in the API shape — the output of
 * `aws fis get-experiment-template` (`{ "experimentTemplate": { … } }`), or the input of
 * `create-experiment-template --cli-input-json`, the shape template libraries ship — as the
 * `AWS::FIS::ExperimentTemplate` resource the rules read. Key names follow the FIS API
 * reference (CreateExperimentTemplate) and the CloudFormation resource (fis-facts §5); the one
 * name that does not just capitalize is the report's `outputs.s3Configuration`, which
 * CloudFormation calls `Outputs.ExperimentReportS3Configuration`.
 */
import type { NamedTemplate } from '../types';
import { toCfnKeys } from './cfn-keys';

type Row = Record<string, unknown>;

const isRow = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);

const KEEP = new Set(['resourceTags', 'parameters', 'tags']);
const NAMED = new Set(['targets', 'actions']);

export const FIS_API_SHAPE = 'FIS experiment template (API shape)';

/** The template as a one-resource CloudFormation template, or undefined when `doc` is not this shape. */
export function fromFisApiTemplate(doc: unknown, name: string): NamedTemplate | undefined {
  const body = isRow(doc) && isRow(doc.experimentTemplate) ? doc.experimentTemplate : doc;
  if (!isRow(body) || 'Resources' in body) return undefined;
  const looksLikeFis = (isRow(body.actions) || isRow(body.targets)) && ('stopConditions' in body || 'roleArn' in body);
  if (!looksLikeFis) return undefined;
  const { id, arn, creationTime, lastUpdateTime, clientToken, targetAccountConfigurationsCount, ...rest } = body;
  const properties = toCfnKeys(rest, { keepKeys: KEEP, namedEntries: NAMED }) as Row;
  const report = properties.ExperimentReportConfiguration;
  if (isRow(report) && isRow(report.Outputs) && 'S3Configuration' in report.Outputs) {
    const { S3Configuration, ...outputs } = report.Outputs;
    properties.ExperimentReportConfiguration = { ...report, Outputs: { ...outputs, ExperimentReportS3Configuration: S3Configuration } };
  }
  const tags = isRow(body.tags) ? body.tags : {};
  const logicalId = typeof id === 'string' ? id : typeof tags.Name === 'string' ? tags.Name : 'ExperimentTemplate';
  return { name, shape: FIS_API_SHAPE, template: { Resources: { [logicalId]: { Type: 'AWS::FIS::ExperimentTemplate', Properties: properties } } } };
}
