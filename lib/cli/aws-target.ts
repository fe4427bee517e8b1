/**
 * What every AWS command (preflight, run, report, stop) shares: the target options, the
 * dependencies tests replace, and opening the target — the drill looked up, the AWS session
 * opened, the deployment resolved from the outputs file or the stacks. A failure is said once,
 * on stderr, and comes back as the exit code: an unknown drill or an unreadable outputs file is
 * a usage error (2), AWS that cannot be read is 5.
 */
import type { Command } from 'commander';
import { findDrill } from '../../experiments';
import { needsDatabase, type Drill } from '../drill';
import { OPTIONAL_OUTPUT_KEYS } from '../contract';
import { describeError } from '../runner/aws/aws-error';
import { openAwsSession, resolveDeployment, type AwsSession } from '../runner/aws/aws-session';
import type { UrlProbe } from '../runner/aws/preflight';
import { OutputsError, type DeployedService } from '../runner/aws/resolve-outputs';
import type { checkTraffic } from '../runner/probe/check-traffic';
import { COMMAND_EXIT } from './command-exit';
import type { Output } from './output';
import { projectRoot } from './project-root';
import { awsServiceTraffic, type ServiceTraffic } from './service-traffic';

export interface AwsTargetArgs {
  /** `cdk deploy --outputs-file` JSON. @default ./cdk-outputs.json when present */
  readonly outputs?: string;
  /** Stack names (repeatable): limit the outputs file, or read outputs from CloudFormation. */
  readonly stack?: readonly string[];
  readonly account?: string;
  readonly region?: string;
  readonly json?: boolean;
  /** The service (config name or stack prefix) whose stacks to read; needed when the outputs hold several. */
  readonly service?: string;
}

export interface AwsCommandDeps {
  /** @default - clients from the SDK's default chain */
  readonly session?: (region?: string) => AwsSession;
  readonly probe?: UrlProbe;
  /** @default newRunId (lib/runner/run-id.ts) */
  readonly newRunId?: () => string;
  /** Looks a drill up by id. @default findDrill over the catalogue (experiments/) */
  readonly findDrill?: (id: string) => Drill | undefined;
  /** Where SIGINT, SIGTERM and SIGHUP come from (commands that start something). @default process */
  readonly signals?: Pick<NodeJS.Process, 'on' | 'off'>;
  /** Where cdk.json (the config and its service.traffic) is. @default the project root */
  readonly cwd?: string;
  /** Checks the service's traffic through its URL. @default checkTraffic (lib/runner/probe/check-traffic.ts) */
  readonly trafficCheck?: typeof checkTraffic;
  /** Where `DRILLS_SERVICE_PROFILE` (the runner task's config) and traffic's `${env:…}` are read. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** An opened target: close `session` when done. */
export interface AwsTarget {
  readonly session: AwsSession;
  readonly deployed: DeployedService;
}

/** The command's exit code, the reason already said on stderr. */
export interface TargetRefused {
  readonly exit: number;
}

/** Opens an AWS session (deps.session, or the SDK's default chain) for `args.region`. */
export function openSession(args: Pick<AwsTargetArgs, 'region'>, deps: Pick<AwsCommandDeps, 'session'>): AwsSession {
  return (deps.session ?? ((region) => openAwsSession({ region })))(args.region);
}

/** The drill by id, or the usage error said (`unknown drill '<id>'; see \`drills list\``). */
export function targetDrill(output: Output, drillId: string, deps: Pick<AwsCommandDeps, 'findDrill'>): Drill | TargetRefused {
  const drill = (deps.findDrill ?? findDrill)(drillId);
  if (drill) return drill;
  output.failure(`unknown drill '${drillId}'; see \`drills list\``);
  return { exit: COMMAND_EXIT.USAGE };
}

/**
 * The session and the deployment. Resolves with the exit code instead when the outputs file
 * cannot be read or lacks an output (OutputsError → 2), when `drill` needs the service's database
 * and the deployment names none (→ 2, saying how to turn it on), or AWS cannot be read (→ 5); the
 * session is closed then. Never throws.
 */
export async function openTarget(output: Output, args: AwsTargetArgs, deps: AwsCommandDeps, drill?: Drill): Promise<AwsTarget | TargetRefused> {
  const session = openSession(args, deps);
  try {
    const deployed = await resolveDeployment(session, { outputs: args.outputs, stacks: args.stack, service: args.service });
    if (drill && needsDatabase(drill.fault) && !deployed.databaseClusterIdentifier) throw new OutputsError(noDatabase(drill, deployed));
    return { session, deployed };
  } catch (err) {
    session.close();
    // Our own error says all in its message; an SDK error is named (`ThrottlingException: …`).
    output.failure(err instanceof OutputsError ? err.message : describeError(err));
    return { exit: err instanceof OutputsError ? COMMAND_EXIT.USAGE : COMMAND_EXIT.UNREACHABLE };
  }
}

function noDatabase(drill: Drill, deployed: DeployedService): string {
  return (
    `drill '${drill.id}' needs the service's database, and the outputs of ${deployed.stacks.join(', ') || 'the deployment'} name none (no ${OPTIONAL_OUTPUT_KEYS.databaseClusterIdentifier}): ` +
    'turn it on with service.database (cdk.json context drills.service.database: true, or `-c service.database=true`; an existing service names its cluster in existing.databaseClusterIdentifier), ' +
    'deploy with `cdk deploy --outputs-file`, and pass that file'
  );
}

/** The traffic a command checks or sends and the health path, from `--traffic` or the config (the runner task's profile, else cdk.json); notices said; a usage error said and returned as exit 2. */
export function targetTraffic(output: Output, file: string | undefined, deps: Pick<AwsCommandDeps, 'cwd' | 'env'>, service?: string): { traffic: ServiceTraffic; healthPath: string } | TargetRefused {
  const found = awsServiceTraffic(file, deps.cwd ?? projectRoot(), service, deps.env);
  if ('usage' in found) {
    output.failure(found.usage);
    return { exit: COMMAND_EXIT.USAGE };
  }
  if (found.traffic.notice) output.notice(found.traffic.notice);
  return found;
}

/** True for what targetDrill, openTarget and targetTraffic return when they refused. */
export function refused(value: object): value is TargetRefused {
  return 'exit' in value && typeof (value as TargetRefused).exit === 'number';
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The options every AWS command shares: where the deployment is, and the account it must be in. */
export function awsTargetOptions(command: Command): Command {
  return command
    .option('--outputs <file>', 'the JSON `cdk deploy --outputs-file` wrote (default: ./cdk-outputs.json)')
    .option('--stack <name>', 'a stack to read outputs from (repeatable); without --outputs, read from CloudFormation', collect)
    .option('--service <name>', 'the service whose stacks to read (its name in cdk.json); needed when the outputs hold several')
    .option('--region <region>', 'AWS region (default: the SDK chain)')
    .option('--account <id>', 'refuse to run unless the caller is in this account')
    .option('--json', 'print only the result as JSON on stdout');
}
