/** Test support: the compliant fixture template, edits of it, and one rule judged on one resource. */
import * as fs from 'fs';
import * as path from 'path';
import { templateView } from '../../lib/guardrails/template-view';
import type { CfnTemplate, Environment, GuardrailRule, RuleOutcome } from '../../lib/guardrails/types';

export const FIXTURE_PATH = path.join(__dirname, '..', 'fixtures', 'templates', 'drilled-service.template.json');

/** A resource's properties as a test edits them: CloudFormation JSON of any depth, typed loosely on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reach into template JSON of any shape
export type Props = Record<string, any>;

type MutableTemplate = { Resources: Record<string, { Type: string; Properties: Props; Metadata?: Props }> };

/** A fresh copy of the compliant fixture. */
export function compliantTemplate(): MutableTemplate {
  return JSON.parse(fs.readFileSync(FIXTURE_PATH, 'utf8'));
}

/** A copy of the fixture with one resource's properties edited. */
export function withEdit(logicalId: string, edit: (properties: Props) => void): MutableTemplate {
  const t = compliantTemplate();
  edit(t.Resources[logicalId].Properties);
  return t;
}

export const appContainer = (p: Props): Props => p.ContainerDefinitions[0];

export interface JudgeOptions {
  readonly environment?: Environment;
  readonly longestRequestSeconds?: number;
}

/** Runs one rule on one resource of a template (alone in the view). */
export function judge(rule: GuardrailRule, template: CfnTemplate, logicalId: string, options: JudgeOptions = {}): RuleOutcome {
  const view = templateView([{ name: 'Stack', template }]);
  const resource = view.resources.find((r) => r.logicalId === logicalId);
  if (!resource) throw new Error(`no resource ${logicalId} in the template`);
  const result = rule(resource, { template: view, environment: options.environment ?? 'non-production', longestRequestSeconds: options.longestRequestSeconds });
  return typeof result === 'string' ? { compliance: result } : result;
}
