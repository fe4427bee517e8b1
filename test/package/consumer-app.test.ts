/**
 * The library from outside: `npm pack`, the tarball unpacked into a temporary CDK app's
 * node_modules (as npm installs it), the app (test/fixtures/consumer-app/app.ts, a team's own
 * ApplicationLoadBalancedFargateService with ServiceDrills given service, targetGroup and
 * loadBalancer only) compiled against the package's typings and synthesized in its own process.
 * The package's dependencies come from this repository's node_modules (symlinked, one copy of
 * aws-cdk-lib), so no network is needed. Needs a fresh `npm run build` (npm test runs it first).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { catalogue } from '../../experiments';
import { needsDatabase } from '../../lib/drill';

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'consumer-app', 'app.ts');
const BOUND_MS = 240_000;

/** The newest modification time under `dir` of files matching `pattern`. */
function newest(dir: string, pattern: RegExp): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(full, pattern));
    else if (pattern.test(entry.name)) latest = Math.max(latest, fs.statSync(full).mtimeMs);
  }
  return latest;
}

/** Runs a command to its end (bounded); throws with its output when it fails. */
function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', timeout: BOUND_MS / 2, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '', ...env } });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`${path.basename(command)} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

describe("the packed library in a team's own CDK app", () => {
  let dir: string;
  let template: Template;
  /** Every metadata entry of the assembly (the manifest's and each stack's `additionalMetadataFile`). */
  let metadata: { type: string; data: unknown }[];
  let printed: { drills: string[]; defineDrill: string; DrainReadyFargateService: string };
  let packed: string[];

  beforeAll(() => {
    const built = path.join(ROOT, 'dist', 'lib', 'index.d.ts');
    if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < newest(path.join(ROOT, 'lib'), /\.ts$/)) {
      throw new Error('dist/ is missing or older than lib/: run `npm run build` first (npm test does)');
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fis-drills-consumer-'));
    const [pack] = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT)) as { filename: string; files: { path: string }[] }[];
    packed = pack.files.map((f) => f.path);

    const modules = path.join(dir, 'node_modules');
    const library = path.join(modules, 'fis-drills');
    fs.mkdirSync(library, { recursive: true });
    run('tar', ['-xzf', path.join(dir, pack.filename), '-C', library, '--strip-components=1'], dir);
    for (const name of fs.readdirSync(path.join(ROOT, 'node_modules'))) {
      if (name === '.bin' || name === 'fis-drills' || name.startsWith('.')) continue;
      fs.symlinkSync(path.join(ROOT, 'node_modules', name), path.join(modules, name));
    }
    fs.copyFileSync(FIXTURE, path.join(dir, 'app.ts'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'shop', private: true, dependencies: { 'fis-drills': `file:${pack.filename}` } }));
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'node16', moduleResolution: 'node16', strict: true, skipLibCheck: true, types: ['node'], outDir: 'out' },
        files: ['app.ts'],
      }),
    );
    run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], dir);
    // As `cdk synth` runs an app: CDK_OUTDIR names the cloud assembly's directory.
    const assembly = path.join(dir, 'cdk.out');
    const out = run(process.execPath, [path.join(dir, 'out', 'app.js')], dir, { CDK_OUTDIR: assembly });
    printed = JSON.parse(out.trim().split('\n').pop() ?? '{}');
    template = Template.fromJSON(JSON.parse(fs.readFileSync(path.join(assembly, 'Shop.template.json'), 'utf8')));
    type Entries = Record<string, { type: string; data: unknown }[]>;
    const manifest = JSON.parse(fs.readFileSync(path.join(assembly, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { metadata?: Entries; additionalMetadataFile?: string }> };
    metadata = Object.values(manifest.artifacts).flatMap((a) => {
      const more: Entries = a.additionalMetadataFile ? JSON.parse(fs.readFileSync(path.join(assembly, a.additionalMetadataFile), 'utf8')) : {};
      return [...Object.values(a.metadata ?? {}), ...Object.values(more)].flat();
    });
  }, BOUND_MS);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('packs the built library, its typings and the az-outage automation script, and no sources or tests', () => {
    expect(packed).toEqual(expect.arrayContaining(['package.json', 'dist/lib/index.js', 'dist/lib/index.d.ts', 'dist/experiments/catalogue.js', 'lib/fis/automation/zone-subnets.py']));
    expect(packed.filter((f) => f.startsWith('test/') || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
  });

  test('imports DrainReadyFargateService, ServiceDrills, catalogue, defineDrill and applyGuardrails from the main entry', () => {
    expect(printed).toEqual({ drills: catalogue.map((d) => d.id), defineDrill: 'function', DrainReadyFargateService: 'function' });
  });

  test("synthesizes a FIS experiment template per catalogue drill on the team's cluster and service", () => {
    // The dependency drills need a database ServiceDrills cannot name yet: left out.
    template.resourceCountIs('AWS::FIS::ExperimentTemplate', catalogue.filter((d) => !needsDatabase(d.fault)).length);
    template.hasResourceProperties('AWS::FIS::ExperimentTemplate', {
      Tags: Match.objectLike({ drill: 'task-hard-kill' }),
      Targets: { ServiceTasks: Match.objectLike({ Parameters: { cluster: { Ref: Match.stringLikeRegexp('^Cluster') }, service: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebService'), 'Name'] } } }) },
      Actions: Match.objectLike({ KillProcess: Match.objectLike({ ActionId: 'aws:ecs:task-kill-process' }) }),
    });
  });

  test("makes the stop-condition alarms, the FIS role and the SSM sidecar on the team's task definition", () => {
    for (const suffix of ['error-rate', 'healthy-hosts', 'running-tasks', 'healthy-hosts-outside-zone-0']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: Match.stringLikeRegexp(`-${suffix}$`) });
    }
    template.hasResourceProperties('AWS::IAM::Role', { AssumeRolePolicyDocument: Match.objectLike({ Statement: [Match.objectLike({ Principal: { Service: 'fis.amazonaws.com' } })] }) });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', { PidMode: 'task', EnableFaultInjection: true, ContainerDefinitions: Match.arrayWith([Match.objectLike({ Name: 'ssm-agent' })]) });
    expect(Object.keys(template.toJSON().Outputs as object)).toEqual(expect.arrayContaining(['ServiceUrl', 'ClusterName', 'ServiceName', 'DrillTaskStopDrainTemplateId']));
  });

  test('passes the guardrails and cdk-nag: no error in the assembly, only the warning about the default process name', () => {
    const entries = metadata;
    expect(entries.filter((e) => e.type === 'aws:cdk:error')).toEqual([]);
    expect(entries.filter((e) => e.type === 'aws:cdk:warning').map((e) => String(e.data))).toEqual([expect.stringMatching(/kill-process drills kill the process named "node"/)]);
  });
});
