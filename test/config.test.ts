import { ConfigError, DEFAULT_CONFIG, configWith, loadConfig, type DrillsConfigOverrides } from '../lib/config';
import { configProblems } from './helpers/config-problems';

const problemsOf = (overrides: DrillsConfigOverrides) => configProblems(() => configWith(overrides));

describe('loadConfig', () => {
  test('returns the defaults when nothing is overridden', () => {
    expect(loadConfig()).toEqual(DEFAULT_CONFIG);
  });

  test('the defaults pass every validation rule', () => {
    expect(problemsOf({})).toEqual([]);
  });

  test('merges the drills context object over the defaults', () => {
    const config = configWith({ service: { desiredCount: 3, albHealthCheck: { intervalSeconds: 15 } } });
    expect(config.service.desiredCount).toBe(3);
    expect(config.service.albHealthCheck).toEqual({ ...DEFAULT_CONFIG.service.albHealthCheck, intervalSeconds: 15 });
  });

  test('flat dotted keys (-c service.stopTimeoutSeconds=90) win over the object and are coerced', () => {
    const config = loadConfig((k) => (({ drills: { service: { stopTimeoutSeconds: 100 } }, 'service.stopTimeoutSeconds': '90', 'drills.gameDays': 'true' }) as Record<string, unknown>)[k]);
    expect(config.service.stopTimeoutSeconds).toBe(90);
    expect(config.drills.gameDays).toBe(true);
  });

  test('derives the drain deadline from stopTimeout unless it is set', () => {
    expect(configWith({ service: { stopTimeoutSeconds: 90 } }).service.drainTimeoutMs).toBe(80_000);
    expect(configWith({ service: { stopTimeoutSeconds: 90, drainTimeoutMs: 70_000 } }).service.drainTimeoutMs).toBe(70_000);
  });

  test('accepts the drills context as a JSON string', () => {
    const config = loadConfig((k) => (k === 'drills' ? '{"service":{"desiredCount":4}}' : undefined));
    expect(config.service.desiredCount).toBe(4);
  });

  test('accepts the optional imageUri and reportBucket', () => {
    const config = configWith({ service: { imageUri: 'public.ecr.aws/x/y:1' }, drills: { reportBucket: 'my-bucket' } });
    expect(config.service.imageUri).toBe('public.ecr.aws/x/y:1');
    expect(config.drills.reportBucket).toBe('my-bucket');
  });

  test('rejects a config with several problems in one error that lists them all', () => {
    const problems = problemsOf({ service: { desiredCount: 1, azCount: 1, stopTimeoutSeconds: 121 } });
    expect(problems.length).toBeGreaterThanOrEqual(3);
    expect(() => configWith({ service: { desiredCount: 1, azCount: 1 } })).toThrow(/2 problem\(s\)[\s\S]*desiredCount is 1[\s\S]*azCount is 1/);
  });

  test('rejects an unknown setting and names the known ones', () => {
    expect(problemsOf({ service: { stopTimeout: 30 } as never })).toEqual([expect.stringMatching(/unknown setting "service.stopTimeout"; known here: .*stopTimeoutSeconds/)]);
  });

  test('rejects a mistyped setting and suggests the one it most likely meant', () => {
    expect(problemsOf({ service: { stopTimeoutSecond: 30 } as never })).toEqual([
      expect.stringMatching(/^unknown setting "service.stopTimeoutSecond"; did you mean "service.stopTimeoutSeconds"\? known here: /),
    ]);
    expect(problemsOf({ service: { stopTimeout: 30 } as never })[0]).not.toContain('did you mean');
  });

  test('rejects a value that is not a number where a number is expected', () => {
    const config = (k: string) => (k === 'service.desiredCount' ? 'three' : undefined);
    expect(() => loadConfig(config)).toThrow(/service.desiredCount must be a number, got "three"/);
  });

  test('rejects a value that is not true or false where a switch is expected', () => {
    expect(() => loadConfig((k) => (k === 'drills.gameDays' ? 'yes' : undefined))).toThrow(/drills.gameDays must be true or false/);
  });

  test('rejects a drills context that is not JSON', () => {
    expect(() => loadConfig((k) => (k === 'drills' ? '{oops' : undefined))).toThrow(/context "drills" is not JSON/);
  });

  test('rejects a drills context that is not an object', () => {
    expect(() => loadConfig((k) => (k === 'drills' ? [1, 2] : undefined))).toThrow(/context "drills" must be an object/);
  });
});

/** One row per rule in lib/config-validate.ts: the overrides that break it, and what its message says. */
const RULES: [string, DrillsConfigOverrides, RegExp][] = [
  ['a service name with spaces', { service: { name: 'my service' } }, /service.name "my service": use letters, digits and dashes/],
  ['a container port of 0', { service: { containerPort: 0 } }, /service.containerPort is 0: use a whole number from 1 to 65535/],
  ['a health path without a leading slash', { service: { healthPath: 'healthz' } }, /service.healthPath is "healthz": a path must start with "\/"/],
  ['an empty process name', { service: { processName: ' ' } }, /service.processName is empty/],
  ['an empty start command', { service: { startCommand: '' } }, /service.startCommand is empty/],
  ['a stopTimeout above 120 s', { service: { stopTimeoutSeconds: 121 } }, /service.stopTimeoutSeconds is 121: use a whole number from 2 to 120/],
  ['a stopTimeout below 2 s', { service: { stopTimeoutSeconds: 1, longestRequestSeconds: 1, drainTimeoutMs: 500 } }, /service.stopTimeoutSeconds is 1: use a whole number from 2 to 120/],
  ['a desired count below 2', { service: { desiredCount: 1 } }, /service.desiredCount is 1: a drill needs at least 2 tasks/],
  ['fewer than 2 availability zones', { service: { azCount: 1 } }, /service.azCount is 1: spread the service over at least 2/],
  ['a deregistration delay above an hour', { service: { deregistrationDelaySeconds: 3601 } }, /service.deregistrationDelaySeconds is 3601: use a whole number from 0 to 3600/],
  ['a longest request of 0 s', { service: { longestRequestSeconds: 0 } }, /service.longestRequestSeconds is 0: give the longest request/],
  [
    'a deregistration delay shorter than the longest request',
    { service: { deregistrationDelaySeconds: 30 } },
    /service.deregistrationDelaySeconds is 30 but the longest request is 60 s: the ALB would cut/,
  ],
  [
    'a stopTimeout shorter than the longest request',
    { service: { stopTimeoutSeconds: 50, drainTimeoutMs: 45_000, longestRequestSeconds: 60 } },
    /service.stopTimeoutSeconds is 50 but the longest request is 60 s: SIGKILL would end requests in flight; raise it to at least 60/,
  ],
  [
    'a drain deadline not below stopTimeout',
    { service: { drainTimeoutMs: 120_000 } },
    /service.drainTimeoutMs is 120000 but stopTimeout is 120000 ms: the app must finish draining and exit before SIGKILL/,
  ],
  [
    'a drain deadline shorter than the longest request',
    { service: { drainTimeoutMs: 50_000 } },
    /service.drainTimeoutMs is 50000 but the longest request is 60000 ms: the app would cut its own streams/,
  ],
  [
    'a longest request that Fargate cannot drain',
    { service: { longestRequestSeconds: 115, deregistrationDelaySeconds: 120 } },
    /service.longestRequestSeconds is 115: a request longer than ~110 s cannot be drained on Fargate/,
  ],
  [
    'a container health-check interval below 5 s',
    { service: { containerHealthCheck: { intervalSeconds: 4, timeoutSeconds: 2 } } },
    /service.containerHealthCheck.intervalSeconds is 4: ECS takes 5–300/,
  ],
  ['a container health-check timeout below 2 s', { service: { containerHealthCheck: { timeoutSeconds: 1 } } }, /service.containerHealthCheck.timeoutSeconds is 1: ECS takes 2–60/],
  ['container health-check retries of 0', { service: { containerHealthCheck: { retries: 0 } } }, /service.containerHealthCheck.retries is 0: ECS takes 1–10/],
  [
    'a container start period above 300 s',
    { service: { containerHealthCheck: { startPeriodSeconds: 301 }, healthCheckGracePeriodSeconds: 400 } },
    /service.containerHealthCheck.startPeriodSeconds is 301: ECS takes 0–300/,
  ],
  [
    'a container health-check timeout not below its interval',
    { service: { containerHealthCheck: { intervalSeconds: 10, timeoutSeconds: 10 } } },
    /service.containerHealthCheck.timeoutSeconds \(10\) must be below its intervalSeconds \(10\)/,
  ],
  ['an ALB health-check interval below 5 s', { service: { albHealthCheck: { intervalSeconds: 4, timeoutSeconds: 2 } } }, /service.albHealthCheck.intervalSeconds is 4: the ALB takes 5–300/],
  ['an ALB health-check timeout below 2 s', { service: { albHealthCheck: { timeoutSeconds: 1 } } }, /service.albHealthCheck.timeoutSeconds is 1: the ALB takes 2–120/],
  [
    'an ALB health-check timeout not below its interval',
    { service: { albHealthCheck: { intervalSeconds: 10, timeoutSeconds: 12 } } },
    /service.albHealthCheck.timeoutSeconds \(12\) must be below its intervalSeconds \(10\)/,
  ],
  ['an ALB healthy threshold of 1', { service: { albHealthCheck: { healthyThreshold: 1 } } }, /service.albHealthCheck.healthyThreshold is 1: the ALB takes 2–10/],
  ['an ALB unhealthy threshold of 11', { service: { albHealthCheck: { unhealthyThreshold: 11 } } }, /service.albHealthCheck.unhealthyThreshold is 11: the ALB takes 2–10/],
  ['a grace period shorter than the container start period', { service: { healthCheckGracePeriodSeconds: 5 } }, /service.healthCheckGracePeriodSeconds is 5 but the container start period is 10/],
  ['an unknown environment', { drills: { environment: 'staging' as never } }, /drills.environment is "staging": use "production" or "non-production"/],
  ['an error-rate threshold of 0', { drills: { stopConditions: { maxErrorRate: 0 } } }, /drills.stopConditions.maxErrorRate is 0: use a share between 0 and 1/],
  ['a healthy-hosts floor at the desired count', { drills: { stopConditions: { minHealthyHosts: 2 } } }, /drills.stopConditions.minHealthyHosts is 2: use 1 to 1/],
  ['a running-tasks floor of 0', { drills: { stopConditions: { minRunningTasks: 0 } } }, /drills.stopConditions.minRunningTasks is 0: use 1 to 1/],
  ['fewer local zones than the service spans', { local: { zones: ['zone-a'] } }, /local.zones lists 1 zone\(s\) but the service spans 2/],
  ['a negative local launch delay', { local: { launchDelayMs: -1 } }, /local.launchDelayMs is -1: use 0 or more/],
  [
    'a local ALB health-check timeout not below its interval',
    { local: { albHealthCheck: { timeoutSeconds: 0.5, intervalSeconds: 0.5 } } },
    /local.albHealthCheck.timeoutSeconds must be below its intervalSeconds/,
  ],
  [
    'a local container health-check timeout not below its interval',
    { local: { containerHealthCheck: { timeoutSeconds: 2, intervalSeconds: 1 } } },
    /local.containerHealthCheck.timeoutSeconds must be below its intervalSeconds/,
  ],
];

describe('config validation', () => {
  test.each(RULES)('rejects %s', (_name, overrides, message) => {
    const problems = problemsOf(overrides);
    expect(problems).toContainEqual(expect.stringMatching(message));
    expect(() => configWith(overrides)).toThrow(ConfigError);
  });
});

describe('optional settings from flat keys', () => {
  test('reads -c service.imageUri=… and -c drills.reportBucket=…, which have no default', () => {
    const flat: Record<string, string> = { 'service.imageUri': 'public.ecr.aws/team/app:7', 'service.healthCheckCommand': '/app/health', 'drills.reportBucket': 'reports' };
    const config = loadConfig((k) => flat[k]);
    expect(config.service.imageUri).toBe('public.ecr.aws/team/app:7');
    expect(config.service.healthCheckCommand).toBe('/app/health');
    expect(config.drills.reportBucket).toBe('reports');
  });

  test('leaves the optional settings out when nothing sets them', () => {
    expect('imageUri' in loadConfig().service).toBe(false);
  });
});
