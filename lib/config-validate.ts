import type { DrillsConfig } from './config';
import { minStopTimeoutForDerivedDrain } from './config-derive';
import { DATABASE_ENV } from './contract';
import { settingIs, toChange, type SettingSources } from './config-sources';
import { parseTraffic } from './traffic/parse-traffic';
import { TrafficError } from './traffic/traffic-error';

/** The names AuroraDatabase.connectService sets on the app container. */
const DATABASE_CONTAINER_NAMES: readonly string[] = [DATABASE_ENV.host, DATABASE_ENV.port, DATABASE_ENV.name, DATABASE_ENV.ssl, DATABASE_ENV.user, DATABASE_ENV.password];

/** Longest request that can still be drained on Fargate (stopTimeout ≤ 120 s, app exits first). */
export const FARGATE_DRAINABLE_SECONDS = 110;

/**
 * Every problem in a config, each naming the setting, the value received and what to do — the
 * flag to pass and what a value was derived from, when `sources` says.
 */
export function configProblems(config: DrillsConfig, sources: SettingSources = {}): string[] {
  const s = config.service;
  const problems: string[] = [];
  const need = (ok: boolean, message: string) => ok || problems.push(message);
  const is = (key: keyof typeof s) => settingIs(key, s[key], sources);
  const whole = (name: 'containerPort' | 'stopTimeoutSeconds' | 'deregistrationDelaySeconds', v: number, min: number, max: number) =>
    need(Number.isInteger(v) && v >= min && v <= max, `${is(name)}: use a whole number from ${min} to ${max}`);

  need(/^[A-Za-z][A-Za-z0-9-]{0,30}$/.test(s.name), `service.name ${JSON.stringify(s.name)}: use letters, digits and dashes, at most 31 characters, starting with a letter`);
  whole('containerPort', s.containerPort, 1, 65535);
  need(s.healthPath.startsWith('/'), `${settingIs('healthPath', JSON.stringify(s.healthPath), sources)}: a path must start with "/"`);
  need(s.processName.trim() !== '', 'service.processName is empty: give the app process name as killall sees it (e.g. "node")');
  need(s.startCommand.trim() !== '', 'service.startCommand is empty: give the command that starts the service (e.g. "node service/dist/server.js")');
  whole('stopTimeoutSeconds', s.stopTimeoutSeconds, 2, 120);
  need(Number.isInteger(s.desiredCount) && s.desiredCount >= 2, `${is('desiredCount')}: a drill needs at least 2 tasks so one can fail while another serves`);
  need(Number.isInteger(s.azCount) && s.azCount >= 2, `service.azCount is ${s.azCount}: spread the service over at least 2 availability zones`);
  whole('deregistrationDelaySeconds', s.deregistrationDelaySeconds, 0, 3600);
  const ls = sources.longestRequestSeconds;
  const longest = ls?.derivedFrom || ls?.fromFlag ? ` (${is('longestRequestSeconds')})` : ls?.flag ? ` (service.longestRequestSeconds; pass ${ls.flag} <s> if the service's longest is shorter)` : '';
  need(s.longestRequestSeconds > 0, `${is('longestRequestSeconds')}: give the longest request the service serves, in seconds`);
  need(
    s.deregistrationDelaySeconds >= s.longestRequestSeconds,
    `${is('deregistrationDelaySeconds')} but the longest request is ${s.longestRequestSeconds} s${longest}: the ALB would cut requests still in flight; ${toChange('deregistrationDelaySeconds', `${Math.ceil(s.longestRequestSeconds)} or more`, `raise it to at least ${s.longestRequestSeconds}`, sources)}`,
  );
  // With a derived drain deadline, the stop must also leave it room for the longest request.
  const minStop = Math.min(120, sources.drainTimeoutMs?.derivedFrom ? minStopTimeoutForDerivedDrain(s.longestRequestSeconds) : Math.ceil(s.longestRequestSeconds));
  need(
    s.stopTimeoutSeconds >= s.longestRequestSeconds,
    `${is('stopTimeoutSeconds')} but the longest request is ${s.longestRequestSeconds} s${longest}: SIGKILL would end requests in flight; ${toChange('stopTimeoutSeconds', `${minStop} or more`, `raise it to at least ${minStop}`, sources)}`,
  );
  need(
    s.drainTimeoutMs > 0 && s.drainTimeoutMs < s.stopTimeoutSeconds * 1000,
    `${is('drainTimeoutMs')} but stopTimeout is ${s.stopTimeoutSeconds * 1000} ms: the app must finish draining and exit before SIGKILL; ${toChange('drainTimeoutMs', `below ${s.stopTimeoutSeconds * 1000}`, `set it below ${s.stopTimeoutSeconds * 1000}`, sources)}`,
  );
  need(
    s.drainTimeoutMs >= s.longestRequestSeconds * 1000 || s.longestRequestSeconds > FARGATE_DRAINABLE_SECONDS,
    `${is('drainTimeoutMs')} but the longest request is ${s.longestRequestSeconds * 1000} ms${longest}: the app would cut its own streams; ${drainFix(config, sources)}`,
  );
  need(
    s.longestRequestSeconds <= FARGATE_DRAINABLE_SECONDS,
    `service.longestRequestSeconds is ${s.longestRequestSeconds}: a request longer than ~${FARGATE_DRAINABLE_SECONDS} s cannot be drained on Fargate (stopTimeout ≤ 120 s); shorten it or make clients resume`,
  );

  const c = s.containerHealthCheck;
  need(c.intervalSeconds >= 5 && c.intervalSeconds <= 300, `service.containerHealthCheck.intervalSeconds is ${c.intervalSeconds}: ECS takes 5–300`);
  need(c.timeoutSeconds >= 2 && c.timeoutSeconds <= 60, `service.containerHealthCheck.timeoutSeconds is ${c.timeoutSeconds}: ECS takes 2–60`);
  need(c.retries >= 1 && c.retries <= 10, `service.containerHealthCheck.retries is ${c.retries}: ECS takes 1–10`);
  need(c.startPeriodSeconds >= 0 && c.startPeriodSeconds <= 300, `service.containerHealthCheck.startPeriodSeconds is ${c.startPeriodSeconds}: ECS takes 0–300`);
  need(c.timeoutSeconds < c.intervalSeconds, `service.containerHealthCheck.timeoutSeconds (${c.timeoutSeconds}) must be below its intervalSeconds (${c.intervalSeconds})`);
  const a = s.albHealthCheck;
  need(a.intervalSeconds >= 5 && a.intervalSeconds <= 300, `service.albHealthCheck.intervalSeconds is ${a.intervalSeconds}: the ALB takes 5–300`);
  need(a.timeoutSeconds >= 2 && a.timeoutSeconds <= 120, `service.albHealthCheck.timeoutSeconds is ${a.timeoutSeconds}: the ALB takes 2–120`);
  need(a.timeoutSeconds < a.intervalSeconds, `service.albHealthCheck.timeoutSeconds (${a.timeoutSeconds}) must be below its intervalSeconds (${a.intervalSeconds})`);
  need(a.healthyThreshold >= 2 && a.healthyThreshold <= 10, `service.albHealthCheck.healthyThreshold is ${a.healthyThreshold}: the ALB takes 2–10`);
  need(a.unhealthyThreshold >= 2 && a.unhealthyThreshold <= 10, `service.albHealthCheck.unhealthyThreshold is ${a.unhealthyThreshold}: the ALB takes 2–10`);
  need(
    s.healthCheckGracePeriodSeconds >= c.startPeriodSeconds,
    `service.healthCheckGracePeriodSeconds is ${s.healthCheckGracePeriodSeconds} but the container start period is ${c.startPeriodSeconds}: ECS would act on ALB checks before the app can be ready; raise it`,
  );

  need(s.albIdleTimeoutSeconds >= 1 && s.albIdleTimeoutSeconds <= 4000, `service.albIdleTimeoutSeconds is ${s.albIdleTimeoutSeconds}: the ALB takes 1–4000 (default 60)`);
  problems.push(...trafficProblems(s.traffic));
  const names = (o: unknown) => (o !== null && typeof o === 'object' && !Array.isArray(o) ? Object.keys(o) : []);
  const both = names(s.environment).filter((k) => names(s.secrets).includes(k));
  need(both.length === 0, `service.environment and service.secrets both set ${both.join(', ')}: the container takes each name once; keep it in one of them`);
  // With a database the stack sets its address and credentials on the app container (AuroraDatabase.connectService).
  const owned = s.database ? [...names(s.environment), ...names(s.secrets)].filter((k) => DATABASE_CONTAINER_NAMES.includes(k)) : [];
  need(owned.length === 0, `service.environment/secrets set ${owned.join(', ')}, which service.database sets on the container itself: leave them out`);

  const d = config.drills;
  need(d.stopConditions.maxErrorRate > 0 && d.stopConditions.maxErrorRate < 1, `drills.stopConditions.maxErrorRate is ${d.stopConditions.maxErrorRate}: use a share between 0 and 1 (0.05 = 5 %)`);
  need(
    s.desiredCount < 2 || (d.stopConditions.minHealthyHosts >= 1 && d.stopConditions.minHealthyHosts < s.desiredCount),
    `drills.stopConditions.minHealthyHosts is ${d.stopConditions.minHealthyHosts}: use 1 to ${s.desiredCount - 1}, or every drill would trip it`,
  );
  need(
    s.desiredCount < 2 || (d.stopConditions.minRunningTasks >= 1 && d.stopConditions.minRunningTasks < s.desiredCount),
    `drills.stopConditions.minRunningTasks is ${d.stopConditions.minRunningTasks}: use 1 to ${s.desiredCount - 1}, or every drill would trip it`,
  );
  const topic = d.gameDaysTopicArn;
  need(
    topic === undefined || /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/.test(topic),
    `drills.gameDaysTopicArn is ${JSON.stringify(topic)}: give a standard SNS topic's ARN (arn:aws:sns:<region>:<account>:<topic>), or leave it out for a topic per service`,
  );
  const key = d.gameDaysTopicKeyArn;
  need(
    key === undefined || /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/.test(key),
    `drills.gameDaysTopicKeyArn is ${JSON.stringify(key)}: give a KMS key's ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias`,
  );
  need(key === undefined || topic !== undefined, "drills.gameDaysTopicKeyArn is set without drills.gameDaysTopicArn: the key is the existing topic's; set the topic too, or leave the key out");

  const l = config.local;
  need(l.zones.length >= s.azCount, `local.zones lists ${l.zones.length} zone(s) but the service spans ${s.azCount}: name at least ${s.azCount}`);
  need(l.launchDelayMs >= 0, `local.launchDelayMs is ${l.launchDelayMs}: use 0 or more`);
  need(l.albHealthCheck.timeoutSeconds < l.albHealthCheck.intervalSeconds, 'local.albHealthCheck.timeoutSeconds must be below its intervalSeconds');
  need(!l.containerHealthCheck || l.containerHealthCheck.timeoutSeconds < l.containerHealthCheck.intervalSeconds, 'local.containerHealthCheck.timeoutSeconds must be below its intervalSeconds');
  return problems;
}

/**
 * What to change when the drain deadline is shorter than the longest request: a deadline between
 * the two when stopTimeout leaves room, else the shortest stopTimeout whose derived deadline
 * covers the longest request.
 */
function drainFix(config: DrillsConfig, sources: SettingSources): string {
  const s = config.service;
  const longestMs = s.longestRequestSeconds * 1000;
  const stopMs = s.stopTimeoutSeconds * 1000;
  const room = longestMs < stopMs;
  const derived = sources.drainTimeoutMs?.derivedFrom !== undefined;
  const minStop = minStopTimeoutForDerivedDrain(s.longestRequestSeconds);
  const longerStop = toChange('stopTimeoutSeconds', `${minStop} or more`, `raise service.stopTimeoutSeconds to ${minStop} or more`, sources);
  if (derived) return `${longerStop} (the drain deadline derived from it follows)`;
  if (!room) return `${longerStop}, with ${toChange('drainTimeoutMs', `of ${longestMs} or more below it`, `service.drainTimeoutMs of ${longestMs} or more below it`, sources).replace(/^pass /, '')}`;
  return toChange('drainTimeoutMs', `from ${longestMs} to ${stopMs - 1}`, `raise it to ${longestMs} or more, below ${stopMs}`, sources);
}

function trafficProblems(traffic: unknown): string[] {
  try {
    parseTraffic(traffic, 'service.traffic');
    return [];
  } catch (e) {
    if (e instanceof TrafficError) return e.problems.map((p) => `service.traffic.${p}`);
    throw e;
  }
}
