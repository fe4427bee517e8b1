/**
 * The traffic a command sends: `--traffic <file>` when given (it wins), else the config's
 * `service.traffic`; `${env:NAME}` read from the environment. Throws TrafficError (the command
 * exits 2) for an unreadable or invalid file or a variable that is not set.
 */
import { ConfigError, loadConfig } from '../config';
import { readTrafficFile, redactTraffic, resolveTraffic, TrafficError, type ResolvedTraffic, type TrafficProfile } from '../traffic';
import { readCdkContext } from './read-cdk-context';

export interface ServiceTraffic {
  /** As written (with `${env:…}` unresolved); redacted() is what evidence may show. */
  readonly profile: TrafficProfile;
  readonly resolved: ResolvedTraffic;
  /** `--traffic` file name, or "service.traffic". */
  readonly source: string;
  /** The profile with header values hidden, for the journal's settings. */
  readonly redacted: TrafficProfile;
}

export function serviceTraffic(file: string | undefined, configured: TrafficProfile, env: NodeJS.ProcessEnv = process.env): ServiceTraffic {
  const profile = file !== undefined ? readTrafficFile(file) : configured;
  const source = file ?? 'service.traffic';
  return { profile, source, resolved: resolveTraffic(profile, env, source), redacted: redactTraffic(profile) };
}

/**
 * For the AWS commands: the config from cdk.json at `root` (its service.traffic and healthPath),
 * then serviceTraffic. Returns the traffic and health path, or the message of a usage error
 * (ConfigError, TrafficError) for the command to print before exiting 2.
 */
export function awsServiceTraffic(file: string | undefined, root: string): { traffic: ServiceTraffic; healthPath: string } | { usage: string } {
  try {
    const lookup = readCdkContext(root);
    const config = loadConfig(lookup);
    return { traffic: serviceTraffic(file, config.service.traffic), healthPath: config.service.healthPath };
  } catch (e) {
    if (e instanceof TrafficError || e instanceof ConfigError) return { usage: e.message };
    throw e;
  }
}
