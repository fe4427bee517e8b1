/**
 * The jest run StrykerJS uses (npm run mutate): the unit tests of the mutated scope only —
 * no e2e, no CLI or service processes, no browser — and the adapter tests over the strict fake
 * AWS, so each mutant's tests finish in seconds. `npm test` still runs everything.
 */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: [
    '<rootDir>/test/runner/judge*.test.ts',
    '<rootDir>/test/runner/measure*.test.ts',
    '<rootDir>/test/runner/explain-figures.test.ts',
    '<rootDir>/test/runner/steady-state.test.ts',
    '<rootDir>/test/runner/censor-figures.test.ts',
    '<rootDir>/test/runner/unmeasured-reasons.test.ts',
    '<rootDir>/test/drill/**/*.test.ts',
    '<rootDir>/test/fis/**/*.test.ts',
    '<rootDir>/test/guardrails/evaluate.test.ts',
    '<rootDir>/test/guardrails/rules/**/*.test.ts',
    '<rootDir>/test/runner/aws/*.test.ts',
    '<rootDir>/test/runner/local/{container-health,fault-figures,health-state,place-task,select-tasks}.test.ts',
  ],
  testPathIgnorePatterns: [
    '/node_modules/',
    // the fake AWS's own tests, commands over it, S3: covered by `npm test`, too slow per mutant.
    // The adapter tests over the fake (fis-engine, alarm checks, preflight, stop, heartbeat) stay: they
    // synthesize the app once per run (cached by source hash) and take about a second each.
    'test/runner/aws/(deployed-dimensions|fake-aws|preflight-task-definition|run-publish-verdict|s3-evidence|scheduled-report)\\.test\\.ts',
    'test/fis/zone-subnets\\.test\\.ts',
    // STRYKER_NO_FAKE_AWS=1: leave out the adapter tests over the fake AWS too (a few seconds per
    // mutant each); fis-engine.ts, heartbeat.ts and the preflight/stop paths are then not covered.
    ...(process.env.STRYKER_NO_FAKE_AWS ? ['test/runner/aws/(fis-engine|fis-engine-alarm-checks|heartbeat|preflight|stop-experiments)\\.test\\.ts'] : []),
  ],
  // lib/ and experiments/ are roots too: jest's --findRelatedTests (jest.enableFindRelatedTests) follows
  // imports only through files under its roots, so with test/ alone a mutant in a module reached through
  // another lib file (a rule's helper) ran no test at all and was counted as survived.
  roots: ['<rootDir>/test', '<rootDir>/lib', '<rootDir>/experiments'],
  testTimeout: 30000,
  maxWorkers: 1,
};
