import { EventEmitter } from 'events';
import { runCommand } from '../../../lib/cli/commands/run';
import { useFakeAws } from '../../fixtures/fake-aws/fake-aws-setup';

/** The default fake deployment has game days off: no runner task, no runner outputs. */
const setup = useFakeAws();

describe('drills run --remote, refused before anything starts', () => {
  it('fails with exit 2 when the stacks have no runner outputs, saying to turn game days on and redeploy', async () => {
    const s = await setup();
    const code = await runCommand({ drill: 'task-stop-drain', outputs: s.outputs, yes: true, remote: true }, s.io, { signals: new EventEmitter() as never });
    expect(code).toBe(2);
    expect(s.err.join('')).toMatch(/--remote needs the game-day runner task.*RunnerTaskDefinitionArn.*EvidencePrefix: turn game days on .*drills\.gameDays=true.*redeploy/);
    expect(s.fake.state.callsTo('RunTask')).toEqual([]);
  });

  it('rejects --traffic and an s3:// --out with --remote, naming the value', async () => {
    const s = await setup();
    const deps = { signals: new EventEmitter() as never };
    expect(await runCommand({ drill: 'task-stop-drain', outputs: s.outputs, yes: true, remote: true, traffic: 'mine.json' }, s.io, deps)).toBe(2);
    expect(await runCommand({ drill: 'task-stop-drain', outputs: s.outputs, yes: true, remote: true, out: 's3://b/p' }, s.io, deps)).toBe(2);
    expect(await runCommand({ drill: 'task-stop-drain', outputs: s.outputs, yes: true, remote: true, runId: '../x' }, s.io, deps)).toBe(2);
    expect(s.err.join('')).toContain('--traffic mine.json is a file on this machine');
    expect(s.err.join('')).toContain('--out s3://b/p: with --remote the runner writes to its own bucket');
    expect(s.err.join('')).toContain("--run-id '../x' is not a run id");
  });
});
