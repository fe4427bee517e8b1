/**
 * `drills doctor <paths…>`: runs the guardrail pack on a cloud assembly (`cdk.out`), a folder
 * of templates, or files: CloudFormation JSON or YAML, FIS experiment templates in the API
 * shape, ECS task definitions in the register/describe shape (load-templates.ts) — or, with
 * `--live --cluster C --service S`, on a deployed service read through ECS. Suppressions in
 * the templates' metadata are honoured. Returns the exit code: 1 when any error finding, else
 * 0; 2 on bad arguments or unreadable templates; 5 when AWS could not be read.
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
import type { Environment, NamedTemplate } from '../../guardrails/types';
import { describeError } from '../../runner/aws/aws-error';
import { EXIT_CODE } from '../../runner/verdict';
import type { CliContext } from '../context';
import type { CommandIo } from './preflight';

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
}

/** Where doctor writes: stdout carries the result, stderr notes and errors. */
export type DoctorIo = CommandIo;

export interface DoctorDeps {
  /** @default - an ECSClient from the SDK's default configuration chain */
  readonly ecs?: (region?: string) => Pick<ECSClient, 'send'> & { destroy?: () => void };
}

/** The SDK's default chain (credentials, region, AWS_ENDPOINT_URL_ECS), adaptive retries as the runner's clients. */
const defaultEcs = (region?: string) => new ECSClient({ ...(region ? { region } : {}), retryMode: 'adaptive', maxAttempts: 8 });

const ENVIRONMENTS: readonly Environment[] = ['production', 'non-production'];

function usageProblems(args: DoctorArgs): string[] {
  const problems: string[] = [];
  if (args.live) {
    if (!args.cluster) problems.push('--live needs --cluster <name>');
    if (!args.service) problems.push('--live needs --service <name>');
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

export async function doctorCommand(args: DoctorArgs, io: DoctorIo, deps: DoctorDeps = {}): Promise<number> {
  const problems = usageProblems(args);
  if (problems.length > 0) {
    problems.forEach((p) => io.err(`drills doctor: ${p}\n`));
    return EXIT_CODE.USAGE;
  }
  const templates: NamedTemplate[] = [];
  try {
    templates.push(...loadTemplates(args.paths));
  } catch (e) {
    if (!(e instanceof TemplateLoadError)) throw e;
    io.err(`drills doctor: ${e.message}\n`);
    return EXIT_CODE.USAGE;
  }
  templates.forEach((t) => io.err(`drills doctor: read ${t.name} as ${t.shape ?? 'CloudFormation template'}\n`));
  if (args.live) {
    const ecs = (deps.ecs ?? defaultEcs)(args.region);
    try {
      templates.push(await liveServiceTemplate(ecs, args.cluster as string, args.service as string));
      io.err('drills doctor: target-group attributes (deregistration delay) are unmeasured in --live mode\n');
    } catch (e) {
      io.err(`drills doctor: cannot read service ${args.service} in cluster ${args.cluster}: ${describeError(e)}\n`);
      return EXIT_CODE.ERROR;
    } finally {
      ecs.destroy?.();
    }
  }
  const view = templateView(templates);
  const result = evaluate(view, DRILLS_PACK, {
    environment: args.environment as Environment | undefined,
    longestRequestSeconds: args.longestRequest === undefined ? undefined : Number(args.longestRequest),
  });
  if (args.json) {
    io.out(`${JSON.stringify(doctorJson(result), null, 2)}\n`);
    result.suppressed.map(formatSuppressed).forEach((line) => io.err(`${line}\n`));
  } else {
    doctorLines(result).forEach((line) => io.out(`${line}\n`));
  }
  doctorSummary(result, view.resources.length, templates.length).forEach((line) => io.err(`${line}\n`));
  return result.findings.some((f) => f.severity === 'error') ? EXIT_CODE.VIOLATED : EXIT_CODE.HELD;
}

export function registerDoctor(program: Command, ctx: CliContext): void {
  program
    .command('doctor [paths...]')
    .description('check CloudFormation (cdk.out, JSON or YAML), FIS templates (API shape), ECS task definitions or a deployed service against the guardrail rules')
    .option('--json', 'the doctor object on stdout')
    .option('--live', 'read a deployed service through ECS (with --cluster and --service)')
    .option('--cluster <name>', 'ECS cluster (with --live)')
    .option('--service <name>', 'ECS service (with --live)')
    .option('--region <region>', 'AWS region (default: the SDK chain)')
    .option('--environment <env>', 'production or non-production')
    .option('--longest-request <seconds>', "the service's longest request")
    .action(async (paths: string[], opts: Omit<DoctorArgs, 'paths'>) => ctx.setExitCode(await doctorCommand({ ...opts, paths }, ctx.io)));
}
