/**
 * The traffic a command sends: `--traffic <file>` when given (it wins), else the config's
 * `service.traffic`; `${env:NAME}` read from the environment. Throws TrafficError (the command
 * exits 2) for an unreadable or invalid file or a variable that is not set.
 */
import { ConfigError, loadConfig, type ContextLookup, type DrillsConfig } from '../config';
import { serviceNamed } from '../config-services';
import { DEMO_TRAFFIC, readTrafficFile, redactTraffic, resolveTraffic, TrafficError, type ResolvedTraffic, type TrafficProfile } from '../traffic';
import { readCdkContext } from './read-cdk-context';
import { profileProblems, profileServiceMismatch, serviceProfileContext, type ServiceProfileContext } from './service-profile-env';

export interface ServiceTraffic {
  /** As written (with `${env:…}` unresolved); redacted() is what evidence may show. */
  readonly profile: TrafficProfile;
  readonly resolved: ResolvedTraffic;
  /** `--traffic` file name, or "service.traffic". */
  readonly source: string;
  /** The profile with header values hidden, for the journal's settings. */
  readonly redacted: TrafficProfile;
  /** Set when the profile sent is not the one written (see demoTrafficFor); for stderr. */
  readonly notice?: string;
}

export function serviceTraffic(file: string | undefined, configured: TrafficProfile, env: NodeJS.ProcessEnv = process.env): ServiceTraffic {
  const profile = file !== undefined ? readTrafficFile(file) : configured;
  const source = file ?? 'service.traffic';
  return { profile, source, resolved: resolveTraffic(profile, env, source), redacted: redactTraffic(profile) };
}

/** Why the demo's jobs are left out of the traffic sent (see demoTrafficFor). */
export type DemoJobsLeftOut = 'other-command' | 'aws';

const LEFT_OUT: Record<DemoJobsLeftOut, string> = {
  'other-command': "--command without --traffic: sending the demo's streams and requests, not its jobs (POST /v1/jobs is the demo's own API)",
  aws: "sending the demo's streams and requests, not its jobs: the deployed demo keeps job records on each task's own disk (no shared JOBS_DIR volume on Fargate, service/src/jobs.ts), so a poll that reaches another task would read a healthy job as lost",
};

/**
 * The demo's own traffic without its jobs, when `configured` is the demo's default profile
 * (DEMO_TRAFFIC, no `service.traffic` written) and no `--traffic` file was given, for a reason in
 * DemoJobsLeftOut: another service's `--command` (it lacks `/v1/jobs`, and would end every drill
 * ERROR before the fault), or the deployed demo on AWS (its job records are per task). Returns
 * `configured` unchanged, without a notice, in every other case.
 */
export function demoTrafficFor(reason: DemoJobsLeftOut | undefined, file: string | undefined, configured: TrafficProfile): { profile: TrafficProfile; notice?: string } {
  if (reason === undefined || file !== undefined || configured !== DEMO_TRAFFIC || configured.jobs === undefined) return { profile: configured };
  const { jobs: _jobs, ...withoutJobs } = configured;
  return { profile: withoutJobs, notice: `${LEFT_OUT[reason]}; give --traffic <file> to send your service's traffic (docs/your-service.md)` };
}

/**
 * For the AWS commands: the config (its service.traffic and healthPath) from the service profile
 * in `env` when it is set (`DRILLS_SERVICE_PROFILE`, the runner task's: lib/cli/service-profile-env.ts),
 * else from cdk.json at `root`; then serviceTraffic. Returns the traffic and health path, or the
 * message of a usage error (ConfigError, TrafficError; a bad profile names its variable) for the
 * command to print before exiting 2.
 */
export function awsServiceTraffic(file: string | undefined, root: string, service?: string, env: NodeJS.ProcessEnv = process.env): { traffic: ServiceTraffic; healthPath: string } | { usage: string } {
  let profile: ServiceProfileContext | undefined;
  try {
    profile = serviceProfileContext(env);
    const mismatch = profile && profileServiceMismatch(profile, service);
    if (mismatch) return { usage: mismatch };
    const lookup = profile?.lookup ?? readCdkContext(root);
    // With --service, that service's traffic and health path (config `services`); with --traffic too, the defaults' health path when the service is not configured here.
    const config = service === undefined ? loadConfig(lookup) : configOfNamed(lookup, service, file);
    const sent = demoTrafficFor('aws', file, config.service.traffic);
    return { traffic: { ...serviceTraffic(file, sent.profile, env), notice: sent.notice }, healthPath: config.service.healthPath };
  } catch (e) {
    if (e instanceof ConfigError && profile) return { usage: profileProblems(e) };
    if (e instanceof TrafficError || e instanceof ConfigError) return { usage: e.message };
    throw e;
  }
}

function configOfNamed(lookup: ContextLookup, service: string, file: string | undefined): DrillsConfig {
  try {
    return serviceNamed(lookup, service).config;
  } catch (e) {
    if (file !== undefined && e instanceof ConfigError && e.problems.length === 1 && e.problems[0].startsWith('--service')) return loadConfig();
    throw e;
  }
}
