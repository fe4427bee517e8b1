import {
  GetExperimentCommand,
  GetExperimentTemplateCommand,
  ListExperimentResolvedTargetsCommand,
  ListExperimentsCommand,
  StartExperimentCommand,
  StopExperimentCommand,
  type Experiment,
  type FisClient,
} from '@aws-sdk/client-fis';
import { withActionsMode, type ActionsMode } from './start-experiment-actions-mode';

/** FIS experiment states (FIS user guide, "experiment states"). */
export type ExperimentStatus = 'pending' | 'initiating' | 'running' | 'completed' | 'stopping' | 'stopped' | 'failed' | 'cancelled';
export const ACTIVE_STATUSES: readonly ExperimentStatus[] = ['pending', 'initiating', 'running', 'stopping'];
export const FINAL_STATUSES: readonly ExperimentStatus[] = ['completed', 'stopped', 'failed', 'cancelled'];

export interface ExperimentActionView {
  readonly name: string;
  readonly actionId?: string;
  /** pending, initiating, running, completed, cancelled, skipped, stopping, stopped, failed */
  readonly status: string;
  readonly reason?: string;
  readonly startTime?: Date;
  readonly endTime?: Date;
}

export interface ExperimentView {
  readonly id: string;
  readonly templateId?: string;
  readonly status: ExperimentStatus;
  readonly reason?: string;
  readonly error?: { readonly code?: string; readonly location?: string; readonly accountId?: string };
  readonly startTime?: Date;
  readonly endTime?: Date;
  readonly actions: readonly ExperimentActionView[];
  readonly tags: Readonly<Record<string, string>>;
}

export interface ExperimentSummaryView {
  readonly id: string;
  readonly templateId?: string;
  readonly status: ExperimentStatus;
  readonly creationTime?: Date;
  readonly tags: Readonly<Record<string, string>>;
}

/** What the runner reads of an FIS experiment template (GetExperimentTemplate); the guardrails' TemplateView is a CloudFormation template. */
export interface ExperimentTemplateView {
  readonly id: string;
  readonly tags: Readonly<Record<string, string>>;
  /** ARNs of the CloudWatch alarms the template's stop conditions name. */
  readonly stopConditionAlarmArns: readonly string[];
}

export interface ResolvedTargetView {
  readonly targetName?: string;
  readonly resourceType?: string;
  /** What FIS says about the resource (an ARN or an id, by resource type). */
  readonly information: Readonly<Record<string, string>>;
}

export interface StartExperimentRequest {
  readonly templateId: string;
  readonly clientToken: string;
  readonly tags: Readonly<Record<string, string>>;
  /** `skip-all` previews targets without injecting anything. @default run-all */
  readonly actionsMode?: ActionsMode;
}

/** The FIS operations the runner needs, and nothing else. */
export interface FisApi {
  startExperiment(request: StartExperimentRequest): Promise<ExperimentView>;
  getExperiment(id: string): Promise<ExperimentView>;
  stopExperiment(id: string): Promise<ExperimentView>;
  listExperiments(): Promise<readonly ExperimentSummaryView[]>;
  getTemplate(id: string): Promise<ExperimentTemplateView>;
  listResolvedTargets(experimentId: string): Promise<readonly ResolvedTargetView[]>;
}

export function fisApi(client: FisClient): FisApi {
  return {
    async startExperiment(request) {
      const command = new StartExperimentCommand({
        experimentTemplateId: request.templateId,
        clientToken: request.clientToken,
        tags: { ...request.tags },
      });
      if (request.actionsMode && request.actionsMode !== 'run-all') withActionsMode(command, request.actionsMode);
      const out = await client.send(command);
      return experimentView(out.experiment);
    },
    async getExperiment(id) {
      return experimentView((await client.send(new GetExperimentCommand({ id }))).experiment);
    },
    async stopExperiment(id) {
      return experimentView((await client.send(new StopExperimentCommand({ id }))).experiment);
    },
    async listExperiments() {
      const all: ExperimentSummaryView[] = [];
      let nextToken: string | undefined;
      for (let page = 0; page < 100; page++) {
        const out = await client.send(new ListExperimentsCommand({ maxResults: 100, nextToken }));
        for (const e of out.experiments ?? []) {
          all.push({ id: e.id ?? '', templateId: e.experimentTemplateId, status: (e.state?.status ?? 'pending') as ExperimentStatus, creationTime: e.creationTime, tags: e.tags ?? {} });
        }
        nextToken = out.nextToken;
        if (!nextToken) break;
      }
      return all;
    },
    async getTemplate(id) {
      const t = (await client.send(new GetExperimentTemplateCommand({ id }))).experimentTemplate;
      return {
        id: t?.id ?? id,
        tags: t?.tags ?? {},
        stopConditionAlarmArns: (t?.stopConditions ?? []).filter((s) => s.source === 'aws:cloudwatch:alarm' && s.value).map((s) => s.value as string),
      };
    },
    async listResolvedTargets(experimentId) {
      const all: ResolvedTargetView[] = [];
      let nextToken: string | undefined;
      for (let page = 0; page < 100; page++) {
        const out = await client.send(new ListExperimentResolvedTargetsCommand({ experimentId, maxResults: 100, nextToken }));
        for (const t of out.resolvedTargets ?? []) all.push({ targetName: t.targetName, resourceType: t.resourceType, information: t.targetInformation ?? {} });
        nextToken = out.nextToken;
        if (!nextToken) break;
      }
      return all;
    },
  };
}

function experimentView(e: Experiment | undefined): ExperimentView {
  if (!e?.id) throw new Error('FIS returned no experiment');
  return {
    id: e.id,
    templateId: e.experimentTemplateId,
    status: (e.state?.status ?? 'pending') as ExperimentStatus,
    reason: e.state?.reason,
    // client-fis 3.523.0 does not type state.error, but its deserializer passes `state` through whole.
    error: (e.state as { error?: ExperimentView['error'] } | undefined)?.error,
    startTime: e.startTime,
    endTime: e.endTime,
    actions: Object.entries(e.actions ?? {}).map(([name, a]) => ({
      name,
      actionId: a.actionId,
      status: a.state?.status ?? 'pending',
      reason: a.state?.reason,
      startTime: a.startTime,
      endTime: a.endTime,
    })),
    tags: e.tags ?? {},
  };
}
