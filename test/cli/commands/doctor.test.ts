import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import { catalogue } from '../../../experiments';
import { configWith } from '../../../lib/config';
import { doctorCommand, type DoctorArgs } from '../../../lib/cli/commands/doctor';
import { recordingIoHost } from '../../../lib/cli/recording-io-host';
import { buildApp } from '../../../lib/stacks/build-app';
import { toShortFormYaml } from '../../guardrails/doctor/short-form-yaml';
import { useFakeAws } from '../../fixtures/fake-aws/fake-aws-setup';
import type { FakeDeployment } from '../../fixtures/fake-aws/fake-deployment';
import { compliantTemplate, FIXTURE_PATH, withEdit } from '../../guardrails/fixture';
import { demoImageDirectory } from '../../stacks/synth-app';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doctor-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

async function run(args: Partial<DoctorArgs>, deps = {}) {
  const io = recordingIoHost();
  const code = await doctorCommand({ paths: [], ...args }, io, deps);
  const out = io.stdout.join('');
  const err = io.stderr.join('');
  return { code, out, err, json: () => JSON.parse(out) };
}

describe('drills doctor on template files', () => {
  it('exits 0 with no findings on a compliant template', async () => {
    const r = await run({ paths: [FIXTURE_PATH], json: true });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ findings: [] });
  });

  it("fails with exit 1 and the DESIGN JSON on a drill whose stop condition is 'none'", async () => {
    const file = write(
      'none.template.json',
      withEdit('KillDrill', (p) => {
        p.StopConditions = [{ Source: 'none' }];
      }),
    );
    const r = await run({ paths: [file], json: true });
    expect(r.code).toBe(1);
    expect(r.json()).toEqual({
      findings: [
        {
          rule: 'DRILL-FIS-1',
          severity: 'error',
          resource: 'none/KillDrill',
          message: expect.stringContaining("source 'none'"),
        },
      ],
    });
  });

  it('prints one line per finding the way cdk-nag lists them, and only the result on stdout', async () => {
    const file = write(
      'single.template.json',
      withEdit('Service', (p) => {
        p.DesiredCount = 1;
        delete p.DeploymentConfiguration.DeploymentCircuitBreaker;
      }),
    );
    const r = await run({ paths: [file] });
    expect(r.code).toBe(1);
    expect(r.out.trim().split('\n')).toEqual([
      expect.stringMatching(/^\[Error at \/single\/Service\] DRILL-DRAIN-9: .*\(desired count 1\)$/),
      expect.stringMatching(/^\[Warning at \/single\/Service\] DRILL-DRAIN-12: /),
    ]);
    expect(r.err).toMatch(/1 error\(s\), 1 warning\(s\), 0 suppressed/);
  });

  it('exits 0 when the only findings are warnings', async () => {
    const r = await run({
      paths: [
        write(
          'nolog.template.json',
          withEdit('KillDrill', (p) => delete p.LogConfiguration),
        ),
      ],
      json: true,
    });
    expect(r.code).toBe(0);
    expect(r.json().findings.map((f: { rule: string }) => f.rule)).toEqual(['DRILL-FIS-8']);
  });

  it('honours a suppression in the template metadata and shows its reason', async () => {
    const t = withEdit('Service', (p) => {
      p.DesiredCount = 1;
    });
    t.Resources.Service.Metadata = { fis_drills: { rules_to_suppress: [{ id: 'DRILL-DRAIN-9', reason: 'a singleton consumer by design' }] } };
    const r = await run({ paths: [write('suppressed.template.json', t)] });
    expect(r.code).toBe(0);
    expect(r.out).toContain('[Suppressed at /suppressed/Service] DRILL-DRAIN-9: a singleton consumer by design');
  });

  it('applies --environment production and --longest-request', async () => {
    const all = write(
      'all.template.json',
      withEdit('KillDrill', (p) => {
        p.Targets.ServiceTasks.SelectionMode = 'ALL';
      }),
    );
    expect((await run({ paths: [all] })).code).toBe(0);
    expect((await run({ paths: [all], environment: 'production', json: true })).json().findings[0].rule).toBe('DRILL-FIS-3');
    const r = await run({ paths: [FIXTURE_PATH], longestRequest: '100', json: true });
    expect(r.json().findings.map((f: { rule: string }) => f.rule)).toEqual(['DRILL-DRAIN-5']);
  });

  it('gives the same JSON for a template in YAML with short-form tags as for it in JSON, and says it read YAML', async () => {
    const broken = withEdit('Service', (p) => {
      p.DesiredCount = 1;
    });
    const fromJson = await run({ paths: [write('same.template.json', broken)], json: true });
    const fromYaml = await run({ paths: [write('same.template.yaml', toShortFormYaml(broken))], json: true });
    expect(fromYaml.json()).toEqual(fromJson.json());
    expect(fromYaml.json().findings.map((f: { rule: string }) => f.rule)).toEqual(['DRILL-DRAIN-9']);
    expect(fromYaml.code).toBe(1);
    expect(fromYaml.err).toContain('read same as CloudFormation template (YAML)');
  });

  it('reads a folder of *.template.json and resolves an import across them', async () => {
    const folder = fs.mkdtempSync(path.join(dir, 'split-'));
    const workload = compliantTemplate();
    const drill = workload.Resources.KillDrill;
    delete (workload.Resources as Record<string, unknown>).KillDrill;
    workload.Resources.Service.Properties.EnableExecuteCommand = true;
    (workload as Record<string, unknown>).Outputs = { Name: { Value: { 'Fn::GetAtt': ['Service', 'Name'] }, Export: { Name: 'W:ServiceName' } } };
    drill.Properties.Targets.ServiceTasks.Parameters.service = { 'Fn::ImportValue': 'W:ServiceName' };
    drill.Properties.RoleArn = 'arn:aws:iam::123456789012:role/fis';
    fs.writeFileSync(path.join(folder, 'Workload.template.json'), JSON.stringify(workload));
    fs.writeFileSync(path.join(folder, 'Drills.template.json'), JSON.stringify({ Resources: { KillDrill: drill } }));
    const r = await run({ paths: [folder], json: true });
    expect(r.json().findings.map((f: { rule: string; resource: string }) => `${f.rule} ${f.resource}`)).toEqual(['DRILL-FIS-7 Drills/KillDrill']);
    expect(r.err).toContain('DRILL-FIS-4: the experiment role is not in the templates checked');
  });
});

describe('drills doctor on a cloud assembly', () => {
  function synthApp(breakIt: boolean): string {
    const outdir = fs.mkdtempSync(path.join(dir, 'cdk.out-'));
    const app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': true } });
    const built = buildApp(app, { config: configWith({}), catalogue, demoImageDirectory: demoImageDirectory() });
    if (breakIt) (built.workload.workload.taskDefinition.node.defaultChild as ecs.CfnTaskDefinition).addPropertyOverride('ContainerDefinitions.0.StopTimeout', 300);
    app.synth();
    return outdir;
  }

  it('exits 0 on the synthesized app', async () => {
    const r = await run({ paths: [synthApp(false)], json: true });
    expect(r.json()).toEqual({ findings: [] });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/2 template\(s\)/);
  });

  it('fails the synthesized app whose task definition breaks the drain budget, naming the construct path', async () => {
    const r = await run({ paths: [synthApp(true)], json: true });
    expect(r.code).toBe(1);
    expect(r.json().findings).toEqual([expect.objectContaining({ rule: 'DRILL-DRAIN-1', resource: 'DrillsDemo-Workload/Service/TaskDefinition/Resource' })]);
  });
});

describe('drills doctor arguments', () => {
  it.each<[string, Partial<DoctorArgs>, RegExp]>([
    ['no path', {}, /give a cloud assembly folder/],
    ['a missing path', { paths: [path.join(os.tmpdir(), 'no-such-doctor-file.json')] }, /no such file or folder/],
    ['a file that is not JSON', { paths: ['__not_json__'] }, /is not JSON/],
    ['malformed YAML', { paths: ['__bad_yaml__'] }, /is neither JSON nor YAML/],
    ['JSON that is not a template', { paths: ['__not_template__'] }, /not a CloudFormation template/],
    ['a folder without templates', { paths: ['__empty_dir__'] }, /no manifest.json and no \*.template.json or \*.template.yaml/],
    ['--live without --cluster for a service cdk.json does not name', { live: true, service: 's' }, /--service s is not a service in cdk\.json \(.*\): give its ECS cluster with --cluster/],
    ['a bad --environment', { paths: [FIXTURE_PATH], environment: 'prod' }, /--environment must be production or non-production/],
    ['a bad --longest-request', { paths: [FIXTURE_PATH], longestRequest: 'long' }, /--longest-request must be a positive number/],
  ])('rejects %s with exit 2 and a clear message', async (_name, args, message) => {
    const resolved = (args.paths ?? []).map((p) => {
      if (p === '__not_json__') return write('broken.template.json', '{ "Resources": ');
      if (p === '__bad_yaml__') return write('t.template.yaml', 'Resources:\n  A: [unclosed\n');
      if (p === '__not_template__') return write('package.json', { name: 'x' });
      if (p === '__empty_dir__') return fs.mkdtempSync(path.join(dir, 'empty-'));
      return p;
    });
    const r = await run({ ...args, paths: resolved });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });
});

describe('drills doctor --live', () => {
  const setupFake = useFakeAws();

  /** `drills doctor --live --json` on the fake's cluster and service (or those given), with a cdk.json that gives no drills. */
  async function doctorLive(options: { amend?: (d: FakeDeployment) => FakeDeployment; deny?: string[]; cluster?: string; service?: string } = {}) {
    const { fake, dir } = await setupFake({ ...(options.amend ? { amend: options.amend } : {}), scenario: { deny: options.deny } });
    await fs.promises.writeFile(path.join(dir, 'cdk.json'), JSON.stringify({ context: { drills: {} } }));
    const cluster = options.cluster ?? fake.deployment.cluster.name;
    const service = options.service ?? fake.deployment.service.name;
    const io = recordingIoHost();
    const code = await doctorCommand({ paths: [], live: true, cluster, service, json: true }, io, { cwd: dir });
    const out = io.stdout.join('');
    return { code, cluster, service, fake, err: io.stderr.join(''), findings: () => (JSON.parse(out) as { findings: { rule: string; resource: string }[] }).findings };
  }

  /** One task, and the app container without its stop timeout (ECS then gives it 30 s). */
  const singleTaskNoStopTimeout = (d: FakeDeployment): FakeDeployment => ({
    ...d,
    service: { ...d.service, desiredCount: 1 },
    taskDefinition: {
      ...d.taskDefinition,
      containers: d.taskDefinition.containers.map((c) => {
        if (c.name !== 'app') return c;
        const { StopTimeout: _dropped, ...definition } = c.definition ?? {};
        return { ...c, definition };
      }),
    },
  });

  it('exits 0 on the deployed service of the synthesized app, reading the longest request from its task definition tag', async () => {
    const r = await doctorLive();
    expect(r.findings()).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.fake.state.callsTo('DescribeTaskDefinition').map((c) => c.input)).toEqual([{ taskDefinition: r.fake.deployment.taskDefinition.arn, include: ['TAGS'] }]);
    expect(r.err).toMatch(/deregistration delay\) are unmeasured/);
    expect(r.err).not.toMatch(/longest request unknown/);
  });

  it('notes the longest request as unknown when the deployed task definition has no tag for it', async () => {
    const r = await doctorLive({ amend: (d) => ({ ...d, taskDefinition: { ...d.taskDefinition, tags: [] } }) });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/DRILL-DRAIN-6: longest request unknown/);
  });

  it('reads the deployed service through ECS and runs the same rules: one task and no stop timeout are two errors', async () => {
    const r = await doctorLive({ amend: singleTaskNoStopTimeout });
    expect(r.code).toBe(1);
    expect(
      r
        .findings()
        .map((f) => `${f.rule} ${f.resource}`)
        .sort(),
    ).toEqual([`DRILL-DRAIN-1 live:${r.cluster}/${r.service}/TaskDefinition`, `DRILL-DRAIN-9 live:${r.cluster}/${r.service}/Service`]);
  });

  it('fails with exit 5 when the service does not exist in the cluster, giving ECS its reason', async () => {
    const r = await doctorLive({ service: 'nope' });
    expect(r.code).toBe(5);
    expect(r.err).toContain(`service nope not found in cluster ${r.cluster} (MISSING)`);
  });

  it('fails with exit 5 when the cluster does not exist', async () => {
    const r = await doctorLive({ cluster: 'no-such-cluster' });
    expect(r.code).toBe(5);
    expect(r.err).toMatch(/ClusterNotFoundException|Cluster not found/);
  });

  it('fails with exit 5 when AWS refuses, saying so', async () => {
    const r = await doctorLive({ deny: ['DescribeServices'] });
    expect(r.code).toBe(5);
    expect(r.err).toMatch(/AccessDenied|not authorized to perform: DescribeServices/);
    expect(r.fake.state.callsTo('DescribeTaskDefinition')).toEqual([]);
  });
});
