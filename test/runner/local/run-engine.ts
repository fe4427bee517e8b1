/**
 * A runner stand-in for the orphan tests: starts a local engine on a fixture service, prints
 * the task pids as one JSON line on stdout, and waits to be killed (without closing the engine).
 * With `database` as its argument: the demo service with a real PostgreSQL, and its data folder printed too.
 */
import { LocalEngine } from '../../../lib/runner/local';
import { REPO, fixtureCommand, shortConfig } from './harness';

const pids: number[] = [];
const database = process.argv[2] === 'database';
let dataDir: string | undefined;
const engine = new LocalEngine({
  config: shortConfig(),
  command: database ? 'node service/dist/server.js' : fixtureCommand(process.argv[2] ?? 'drains'),
  database,
  cwd: REPO,
  stopOrder: 'together',
  // The guard is under test, not the start bound: node's own start-up took over shortConfig's
  // derived 4.45 s on two loaded cores. Under the 60 s the tests wait for this process's line.
  startTimeoutMs: 45_000,
  onEvent: (e) => {
    const pid = /pid (\d+)/.exec(e.detail ?? '')?.[1];
    if ((e.kind === 'task-started' || e.kind === 'replacement-started') && pid) pids.push(Number(pid));
    dataDir ??= /data in (\S+?);/.exec(e.detail ?? '')?.[1];
  },
});
engine.start().then(
  () => process.stdout.write(`${JSON.stringify({ pids, dataDir })}\n`),
  (err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(9);
  },
);
setInterval(() => undefined, 1000);
