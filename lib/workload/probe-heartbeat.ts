/**
 * The runner's probe heartbeat (dead-man's switch): while a drill runs, the runner publishes
 * `FisDrills/ProbeSuccess` (dimension `Service` = the service name) every few seconds as a
 * high-resolution metric. The `probe-heartbeat` alarm treats missing data as breaching, so FIS
 * stops the experiment when the runner dies or loses sight of the service.
 */
export const PROBE_HEARTBEAT_NAMESPACE = 'FisDrills';
export const PROBE_HEARTBEAT_METRIC = 'ProbeSuccess';
export const PROBE_HEARTBEAT_DIMENSION = 'Service';
/** Seconds per datapoint of the heartbeat alarm (a high-resolution alarm). */
export const PROBE_HEARTBEAT_PERIOD_SECONDS = 10;
