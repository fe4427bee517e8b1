/**
 * The jest run StrykerJS uses (npm run mutate): the unit tests of the mutated scope only —
 * no e2e, no CLI or service processes, no CDK synth, no fake AWS server — so each mutant's
 * tests finish in seconds on a loaded 2-core machine. `npm test` still runs everything.
 */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: [
    '<rootDir>/test/runner/judge*.test.ts',
    '<rootDir>/test/runner/measure.test.ts',
    '<rootDir>/test/runner/explain-figures.test.ts',
    '<rootDir>/test/runner/steady-state.test.ts',
    '<rootDir>/test/drill/**/*.test.ts',
    '<rootDir>/test/fis/**/*.test.ts',
    '<rootDir>/test/guardrails/evaluate.test.ts',
    '<rootDir>/test/guardrails/rules/**/*.test.ts',
    '<rootDir>/test/runner/aws/*.test.ts',
    '<rootDir>/test/runner/local/{container-health,fault-figures,health-state,place-task,select-tasks}.test.ts',
  ],
  testPathIgnorePatterns: [
    '/node_modules/',
    // these start the fake AWS server or synthesize the app: covered by `npm test`, too slow per mutant
    'test/runner/aws/(aws-commands|deployed-dimensions|fake-aws|run-command|run-heartbeat|run-verdicts)\\.test\\.ts',
  ],
  testTimeout: 30000,
  maxWorkers: 1,
};
