/**
 * `drills doctor <paths…>`: runs the guardrail pack on a cloud assembly (`cdk.out`), a folder
 * of templates, or files: CloudFormation JSON or YAML, FIS experiment templates in the API
 * shape, ECS task definitions in the register/describe shape (load-templates.ts) — or, with
 * `--live --cluster C --service S`, on a deployed service read through ECS. Suppressions in
 * the templates' metadata are honoured. Returns the exit code: FAILED (1) when any error
 * finding, else OK (0); USAGE (2) on bad arguments or unreadable templates; UNREACHABLE (5) when
 * AWS could not be read.
 */
import { ECSClient } from '@aws-sdk/client-ecs';
import type { Command } from 'commander';
import { DRILLS_PACK } from '../../guardrails/drills-pack';
import { evaluate } from '../../guardrails/evaluate';
import { formatSuppressed } from '../../guardrails/format-finding';
import { doctorJson, doctorLines, doctorSummary } from '../../guardrails/doctor/doctor-report';
import { liveServiceTemplate } from '../../guardrails/doctor/live-service';
import { loadTemplates, TemplateLoadError } from '../../guardrails/doctor/load-templates';
import { templateView } from '../../guardrails/template-view';
import { liveTaskFindings } from '../../guardrails/doctor/live-task-prerequisites';
import type { Environment, Finding, NamedTemplate } from '../../guardrails/types';
import { catalogue } from '../../../experiments';
import { liveServiceDrills } from '../live-service-drills';
import { liveServiceTarget } from '../live-service-target';
import { projectRoot } from '../project-root';
import { readCdkContext } from '../read-cdk-context';
import { describeError } from '../../runner/aws/aws-error';
import { COMMAND_EXIT } from '../command-exit';
import type { CliContext } from '../context';
import type { IoHost } from '../io-host';
import { Output } from '../output';

export interface DoctorArgs {
  readonly paths: readonly string[];
  readonly json?: boolean;
  readonly live?: boolean;
  readonly cluster?: string;
  readonly service?: string;
  readonly region?: string;
  /** `production` forbids ALL / PERCENT(100) on service tasks. @default 'non-production' (or the template's tag) */
  readonly environment?: string;
  /** Seconds; overrides the task definition's tag or env var. */
  readonly longestRequest?: string | number;
  /** With --live: the drills whose in-task needs to check the task definition for. @default - the drills cdk.json gives that existing service */
  readonly drill?: readonly string[];
  /** With --live and a managed service named as in cdk.json: the outputs file holding its ECS names. @default ./cdk-outputs.json */
  readonly outputs?: string;
}

export interface DoctorDeps {
  /** Where cdk.json is (the services, for --live). @default the project root */
  readonly cwd?: string;
  /** @default - an ECSClient from the SDK's default configuration chain */
  readonly ecs?: (region?: string) => Pick<ECSClient, 'send'> & { destroy?: () => void };
}

/** The SDK's default chain (credentials, region, AWS_ENDPOINT_URL_ECS), adaptive retries as the runner's clients. */
const defaultEcs = (region?: string) => new ECSClient({ ...(region ? { region } : {}), retryMode: 'adaptive', maxAttempts: 8 });

const ENVIRONMENTS: readonly Environment[] = ['production', 'non-production'];

function usageProblems(args: DoctorArgs): string[] {
  const problems: string[] = [];
  if (args.live) {
    if (!args.service) problems.push('--live needs --service <name> (the ECS service with --cluster, or a service of cdk.json)');
  } else if (args.paths.length === 0) {
    problems.push('give a cloud assembly folder (cdk.out) or template files, or --live --cluster C --service S');
  }
  if (args.environment !== undefined && !ENVIRONMENTS.includes(args.environment as Environment)) {
    problems.push(`--environment must be production or non-production, got '${args.environment}'`);
  }
  if (args.longestRequest !== undefined && !(Number(args.longestRequest) > 0)) {
    problems.push(`--longest-request must be a positive number of seconds, got '${args.longestRequest}'`);
  }
  return problems;
}

export async function doctorCommand(args: DoctorArgs, io: IoHost, deps: DoctorDeps = {}): Promise<number> {
  const output = new Output(io, 'doctor', { json: args.json });
  const problems = usageProblems(args);
  if (problems.length > 0) {
    problems.forEach((p) => output.failure(p));
    return COMMAND_EXIT.USAGE;
  }
  const templates: NamedTemplate[] = [];
  try {
    templates.push(...loadTemplates(args.paths));
  } catch (e) {
    if (!(e instanceof TemplateLoadError)) throw e;
    output.failure(e.message);
    return COMMAND_EXIT.USAGE;
  }
  templates.forEach((t) => output.notice(`read ${t.name} as ${t.shape ?? 'CloudFormation template'}`));
  const root = deps.cwd ?? projectRoot();
  const target = args.live ? await liveServiceTarget({ cluster: args.cluster, service: args.service as string, outputs: args.outputs, root }, readCdkContext(root), catalogue) : undefined;
  const liveDrills = target && !('usage' in target) ? liveServiceDrills(args.drill ?? [], target.configured, catalogue) : undefined;
  const refusal = target && 'usage' in target ? target : liveDrills && 'usage' in liveDrills ? liveDrills : undefined;
  if (refusal) {
    output.failure(refusal.usage);
    return COMMAND_EXIT.USAGE;
  }
  const extra: Finding[] = [];
  if (target && !('usage' in target)) {
    const ecs = (deps.ecs ?? defaultEcs)(args.region);
    try {
      const live = await liveServiceTemplate(ecs, target.cluster, target.service);
      templates.push(live);
      if (liveDrills && !('usage' in liveDrills) && liveDrills.drills.length > 0) extra.push(...liveTaskFindings(live, liveDrills.drills));
      else output.notice('the task definition is not checked for drills that run inside the task (kill-process): name them with --drill <id>, or attach the service in cdk.json (services[].existing)');
      output.notice('target-group attributes (deregistration delay) are unmeasured in --live mode');
    } catch (e) {
      output.failure(`cannot read service ${target.service} in cluster ${target.cluster}: ${describeError(e)}`);
      return COMMAND_EXIT.UNREACHABLE;
    } finally {
      ecs.destroy?.();
    }
  }
  const view = templateView(templates);
  const evaluated = evaluate(view, DRILLS_PACK, {
    environment: args.environment as Environment | undefined,
    longestRequestSeconds: args.longestRequest === undefined ? undefined : Number(args.longestRequest),
  });
  const result = { ...evaluated, findings: [...evaluated.findings, ...extra] };
  output.result(doctorLines(result), doctorJson(result));
  // With --json the suppressions are not in the object: they are named on stderr.
  if (output.json) result.suppressed.map(formatSuppressed).forEach((line) => output.progress(line));
  doctorSummary(result, view.resources.length, templates.length).forEach((line) => output.progress(line));
  return result.findings.some((f) => f.severity === 'error') ? COMMAND_EXIT.FAILED : COMMAND_EXIT.OK;
}

export function registerDoctor(program: Command, ctx: CliContext): void {
  program
    .command('doctor [paths...]')
    .description('check CloudFormation (cdk.out, JSON or YAML), FIS templates (API shape), ECS task definitions or a deployed service against the guardrail rules')
    .option('--json', 'the doctor object on stdout')
    .option('--live', 'read a deployed service through ECS (with --service, and --cluster for a service cdk.json does not name)')
    .option('--cluster <name>', 'ECS cluster (with --live; default: from cdk.json or the outputs file for a service named there)')
    .option('--service <name>', 'with --live: the ECS service name, or a service name from cdk.json')
    .option('--outputs <file>', 'with --live: the outputs file holding the ECS names of a service this app built (default: ./cdk-outputs.json)')
    .option('--region <region>', 'AWS region (default: the SDK chain)')
    .option('--environment <env>', 'production or non-production')
    .option('--longest-request <seconds>', "the service's longest request")
    .option(
      '--drill <id>',
      'with --live: check the task definition for what this drill needs inside the task (repeatable; default: the drills cdk.json gives that service)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .action(async (paths: string[], opts: Omit<DoctorArgs, 'paths'>) => ctx.setExitCode(await doctorCommand({ ...opts, paths }, ctx.io)));
}
