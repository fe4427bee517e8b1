import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadTemplates, TemplateLoadError } from '../../../lib/guardrails/doctor/load-templates';
import { DRILLS_PACK } from '../../../lib/guardrails/drills-pack';
import { evaluate } from '../../../lib/guardrails/evaluate';
import { templateView } from '../../../lib/guardrails/template-view';
import type { NamedTemplate } from '../../../lib/guardrails/types';
import { appContainer, compliantTemplate, withEdit } from '../fixture';
import { toShortFormYaml } from './short-form-yaml';

const FIELD = path.join(__dirname, '..', '..', 'fixtures', 'field-inputs');
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'load-templates-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};
const findingsOf = (templates: NamedTemplate[]) => evaluate(templateView(templates), DRILLS_PACK).findings.map((f) => `${f.rule} ${f.resource.split('/').pop()} ${f.message}`);

describe('loadTemplates on CloudFormation YAML', () => {
  it('reads short-form !Ref, !GetAtt, !Select and !Join into their long form', () => {
    const yamlText = toShortFormYaml(compliantTemplate());
    expect(yamlText).toMatch(/!GetAtt ExperimentRole\.Arn/);
    expect(yamlText).toMatch(/!Ref TaskDefinition/);
    const [read] = loadTemplates([write('drilled.template.yaml', yamlText)]);
    expect(read.shape).toBe('CloudFormation template (YAML)');
    expect(read.template).toEqual(compliantTemplate());
  });

  it('gives the same findings for the same template in YAML and in JSON', () => {
    const broken = withEdit('TaskDefinition', (p) => {
      appContainer(p).EntryPoint = ['sh', '-c', 'node server.js'];
      delete appContainer(p).StopTimeout;
    });
    const fromYaml = loadTemplates([write('broken.yaml', toShortFormYaml(broken))]);
    const fromJson = loadTemplates([write('broken.json', JSON.stringify(broken))]);
    expect(findingsOf(fromYaml)).toEqual(findingsOf(fromJson));
    expect(findingsOf(fromYaml).map((f) => f.split(' ')[0])).toEqual(['DRILL-DRAIN-1', 'DRILL-DRAIN-4']);
  });

  it('reads !Sub in both forms and a YAML file without a .yaml name', () => {
    const text = 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub "${AWS::StackName}-t"\n      DisplayName: !Sub\n        - "${A}"\n        - A: !Ref X\n';
    const [read] = loadTemplates([write('topic.cfn', text)]);
    expect(read.template.Resources?.T.Properties).toEqual({ TopicName: { 'Fn::Sub': '${AWS::StackName}-t' }, DisplayName: { 'Fn::Sub': ['${A}', { A: { Ref: 'X' } }] } });
  });

  it('rejects malformed YAML with the line it failed on', () => {
    expect(() => loadTemplates([write('bad.yaml', 'Resources:\n  A: [x\n')])).toThrow(TemplateLoadError);
    expect(() => loadTemplates([write('bad2.yaml', 'Resources:\n  A: [x\n')])).toThrow(/bad2\.yaml is neither JSON nor YAML: .*line/);
  });
});

describe('loadTemplates on API shapes', () => {
  it('reads an FIS template in the API shape as an AWS::FIS::ExperimentTemplate, user keys kept', () => {
    const [read] = loadTemplates([path.join(FIELD, 'fis-api-template.json')]);
    expect(read.shape).toBe('FIS experiment template (API shape)');
    const [resource] = Object.values(read.template.Resources ?? {});
    expect(resource.Type).toBe('AWS::FIS::ExperimentTemplate');
    expect(resource.Properties).toMatchObject({
      StopConditions: [{ Source: 'none' }],
      Targets: {
        'tasks-in-zone': {
          ResourceType: 'aws:ecs:task',
          ResourceTags: { 'FIS-Ready': 'True' },
          Filters: [
            { Path: 'AvailabilityZone', Values: ['eu-west-1a'] },
            { Path: 'LastStatus', Values: ['RUNNING'] },
          ],
        },
      },
      Actions: { settle: { ActionId: 'aws:fis:wait', Parameters: { duration: 'PT1M' } }, 'stop-zone-tasks': { Targets: { Tasks: 'tasks-in-zone' }, StartAfter: ['settle'] } },
      ExperimentOptions: { EmptyTargetResolutionMode: 'skip' },
      Tags: { Name: 'fargate-az-stop', Environment: 'production' },
    });
  });

  it('reads the get-experiment-template output, dropping read-only fields and renaming the report output', () => {
    const body = JSON.parse(fs.readFileSync(path.join(FIELD, 'fis-api-template.json'), 'utf8'));
    const wrapped = { experimentTemplate: { ...body, id: 'EXT123', creationTime: '2026-01-01', experimentReportConfiguration: { outputs: { s3Configuration: { bucketName: 'b' } } } } };
    const [read] = loadTemplates([write('got.json', JSON.stringify(wrapped))]);
    expect(Object.keys(read.template.Resources ?? {})).toEqual(['EXT123']);
    expect(read.template.Resources?.EXT123.Properties).not.toHaveProperty('CreationTime');
    expect(read.template.Resources?.EXT123.Properties?.ExperimentReportConfiguration).toEqual({ Outputs: { ExperimentReportS3Configuration: { BucketName: 'b' } } });
  });

  it('reads an ECS task definition in the register shape as an AWS::ECS::TaskDefinition', () => {
    const [read] = loadTemplates([path.join(FIELD, 'ecs-task-definition.json')]);
    expect(read.shape).toBe('ECS task definition (register-task-definition shape)');
    const td = read.template.Resources?.['storefront-web'];
    expect(td?.Type).toBe('AWS::ECS::TaskDefinition');
    expect(td?.Properties?.ContainerDefinitions).toEqual([
      expect.objectContaining({
        Name: 'web',
        Command: ['sh', '-c', 'node scripts/migrate.js && npm start'],
        Environment: [{ Name: 'NODE_ENV', Value: 'production' }],
        LogConfiguration: expect.objectContaining({ Options: expect.objectContaining({ 'awslogs-group': '/ecs/storefront-web' }) }),
      }),
    ]);
  });

  it('reads the describe-task-definition output with its tags', () => {
    const register = JSON.parse(fs.readFileSync(path.join(FIELD, 'ecs-task-definition.json'), 'utf8'));
    const described = { taskDefinition: { ...register, revision: 4, status: 'ACTIVE' }, tags: [{ key: 'team', value: 'web' }] };
    const [read] = loadTemplates([write('described.json', JSON.stringify(described))]);
    expect(read.shape).toBe('ECS task definition (describe-task-definition shape)');
    const props = read.template.Resources?.['storefront-web'].Properties;
    expect(props?.Tags).toEqual([{ Key: 'team', Value: 'web' }]);
    expect(props).not.toHaveProperty('Revision');
  });

  it('rejects JSON of none of the shapes, naming what it expects', () => {
    expect(() => loadTemplates([write('package.json', '{"name":"x"}')])).toThrow(/package\.json is not a CloudFormation template .*FIS experiment template in the API shape.*ECS task definition/);
  });
});
