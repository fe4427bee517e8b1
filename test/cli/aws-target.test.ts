/**
 * Opening an AWS command's target: the drill, the session, the deployment. Each failure is said
 * once on stderr and comes back as the exit code (2 for the outputs file, 5 for AWS), with real
 * SDK clients against an endpoint where nothing listens.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { openTarget, refused, targetDrill } from '../../lib/cli/aws-target';
import { Output } from '../../lib/cli/output';
import { recordingIoHost } from '../../lib/cli/recording-io-host';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

function target() {
  const io = recordingIoHost();
  return { io, output: new Output(io, 'preflight') };
}

describe('openTarget', () => {
  it('rejects an outputs file that cannot be read as a usage error (2), said once', async () => {
    const { io, output } = target();
    const missing = path.join(os.tmpdir(), 'no-such-dir-drills', 'cdk-outputs.json');
    const opened = await openTarget(output, { outputs: missing }, {});
    expect(opened).toEqual({ exit: 2 });
    expect(io.stderr).toEqual([expect.stringMatching(/^drills preflight: cannot read outputs file .*no-such-dir-drills/)]);
  });

  it('rejects an outputs file that lacks the outputs as a usage error (2), naming them', async () => {
    const { io, output } = target();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aws-target-'));
    try {
      await fs.writeFile(path.join(dir, 'out.json'), JSON.stringify({ Stack: { ServiceUrl: 'http://x' } }));
      expect(await openTarget(output, { outputs: path.join(dir, 'out.json') }, {})).toEqual({ exit: 2 });
      expect(io.stderr).toHaveLength(1);
      expect(io.stderr[0]).toMatch(/ClusterName/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('fails with 5 and one line, no stack trace, when CloudFormation cannot be reached', async () => {
    Object.assign(process.env, { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y', AWS_REGION: 'eu-west-1' });
    delete process.env.AWS_PROFILE;
    const { io, output } = target();
    expect(await openTarget(output, { stack: ['Drills'] }, {})).toEqual({ exit: 5 });
    expect(io.stderr).toEqual([expect.stringMatching(/^drills preflight: .*ECONNREFUSED.*\n$/)]);
    expect(io.stderr[0]).not.toMatch(/\n\s+at /);
  }, 60_000);
});

describe('targetDrill', () => {
  it('rejects an unknown drill as a usage error (2), naming it and `drills list`', () => {
    const { io, output } = target();
    const drill = targetDrill(output, 'no-such-drill', {});
    expect(refused(drill) && drill.exit).toBe(2);
    expect(io.stderr).toEqual(["drills preflight: unknown drill 'no-such-drill'; see `drills list`\n"]);
  });

  it('finds a drill of the catalogue', () => {
    const drill = targetDrill(target().output, 'az-outage', {});
    expect(!refused(drill) && drill.id).toBe('az-outage');
  });
});
