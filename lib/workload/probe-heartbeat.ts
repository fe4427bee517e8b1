/**
 * The runner's probe heartbeat (dead-man's switch): while a drill runs, the runner publishes
 * `FisDrills/ProbeSuccess` every few seconds as a high-resolution metric, under the dimensions
 * `probeHeartbeatDimensions` gives. The `probe-heartbeat` alarm watches the same dimensions
 * (it treats missing data as breaching), so FIS stops the experiment when the runner dies or
 * loses sight of the service.
 *
 * Both sides import this module: the alarm passes the ECS service's `Name` attribute (a token
 * CloudFormation resolves to the generated name, e.g. `DrillsDemo-Workload-Service9571FDD8-Ab12`),
 * the runner passes the `ServiceName` stack output, which is that same attribute. A metric is
 * identified by namespace, name and every dimension (CloudWatch User Guide, "Dimensions"), so
 * the two must agree to the character.
 */
export const PROBE_HEARTBEAT_NAMESPACE = 'FisDrills';
export const PROBE_HEARTBEAT_METRIC = 'ProbeSuccess';
export const PROBE_HEARTBEAT_DIMENSION = 'Service';
/** Seconds per datapoint of the heartbeat alarm (a high-resolution alarm). */
export const PROBE_HEARTBEAT_PERIOD_SECONDS = 10;

/** The heartbeat's dimensions for an ECS service (its physical name, never the config's name). */
export function probeHeartbeatDimensions(ecsServiceName: string): Record<string, string> {
  return { [PROBE_HEARTBEAT_DIMENSION]: ecsServiceName };
}
