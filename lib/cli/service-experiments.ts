/**
 * `drills stop --service <name>`: which experiments are that service's — those started from its
 * experiment templates (`Drill<Id>TemplateId` outputs of its stacks, from the outputs file or
 * CloudFormation, as `run --service` finds them). A name neither the outputs file nor cdk.json
 * knows is a usage error that lists the names there.
 */
import { ConfigError, type ContextLookup } from '../config';
import { serviceNamed } from '../config-services';
import type { ExperimentSummaryView } from '../runner/aws/fis-api';
import { resolveDeployment, type AwsSession } from '../runner/aws/aws-session';
import { OutputsError } from '../runner/aws/resolve-outputs';
import { existsSync } from 'fs';
import * as path from 'path';
import { DEFAULT_OUTPUTS_FILE } from '../runner/aws/aws-session';

export interface ServiceExperimentsQuery {
  readonly service: string;
  /** @default `cdk-outputs.json` under `cwd`, when there; else the service's stacks in CloudFormation */
  readonly outputs?: string;
  readonly cwd: string;
}

/** The service's template ids, or a usage message. AWS errors (CloudFormation) are thrown. */
export async function serviceTemplateIds(
  session: AwsSession,
  q: ServiceExperimentsQuery,
  cdkContext: ContextLookup,
): Promise<{ readonly templateIds: readonly string[] } | { readonly usage: string }> {
  const fromFile = q.outputs ?? (existsSync(path.join(q.cwd, DEFAULT_OUTPUTS_FILE)) ? path.join(q.cwd, DEFAULT_OUTPUTS_FILE) : undefined);
  if (!fromFile) {
    try {
      serviceNamed(cdkContext, q.service);
    } catch (e) {
      if (e instanceof ConfigError) return { usage: e.problems.join('; ') };
      throw e;
    }
  }
  try {
    const deployed = await resolveDeployment(session, { outputs: fromFile, service: q.service, cwd: q.cwd });
    return { templateIds: Object.values(deployed.templateIds) };
  } catch (e) {
    if (e instanceof OutputsError) return { usage: e.message };
    throw e;
  }
}

/** Pure: the experiments started from one of `templateIds`. */
export function ofTemplates(experiments: readonly ExperimentSummaryView[], templateIds: readonly string[]): ExperimentSummaryView[] {
  return experiments.filter((e) => e.templateId !== undefined && templateIds.includes(e.templateId));
}
