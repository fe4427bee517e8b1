/**
 * The caller policy in docs/run-in-production.md against the AWS calls the runner's adapters
 * make (every `new <Op>Command(` in lib/runner/aws, by the client package it comes from): a call
 * the policy lacks, or a permission the code never uses, fails here. The calls only `drills run
 * --remote` makes (starting and following the runner task) are the operator's, not the runner's:
 * they are checked against the caller permissions docs/game-days.md lists for `--remote`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DOCUMENTED_POLICY_SCOPE, runnerPolicy } from '../../../lib/runner/aws/runner-policy';

const ROOT = path.resolve(__dirname, '../../..');
/** SDK client package → IAM service prefix. */
const PREFIX: Record<string, string> = {
  fis: 'fis',
  ecs: 'ecs',
  cloudwatch: 'cloudwatch',
  sts: 'sts',
  cloudformation: 'cloudformation',
  s3: 's3',
  sns: 'sns',
  'cloudwatch-logs': 'logs',
  scheduler: 'scheduler',
};
/** Calls whose IAM action has another name than the operation (S3 API reference, ListObjectsV2: "s3:ListBucket"). */
const ACTION_OF: Record<string, string> = { 's3:ListObjectsV2': 's3:ListBucket' };
/** Calls any identity may make without a permission (STS API reference, GetCallerIdentity). */
const NEEDS_NO_PERMISSION = new Set(['sts:GetCallerIdentity']);
/** Permissions a call needs besides its own action, each with the call that needs it. */
const IMPLIED: Record<string, string> = {
  'fis:TagResource': 'fis:StartExperiment with tags (listed to be safe; not confirmed)',
  'iam:CreateServiceLinkedRole': 'fis:StartExperiment, the first time in an account (FIS service-linked role)',
  'kms:GenerateDataKey*': 'sns:Publish to a topic encrypted with a customer managed key (SNS Developer Guide, "Key management")',
  'kms:Decrypt': 'sns:Publish to a topic encrypted with a customer managed key (SNS Developer Guide, "Key management")',
};

/** The adapters only `drills run --remote` uses: the caller starts, follows and stops the runner task. */
const REMOTE_ONLY_FILES = new Set(['runner-task-api.ts', 'task-log-api.ts']);
/** The adapter only `drills game-days pause|resume` uses: the caller changes the schedules' state. */
const GAME_DAYS_ONLY_FILES = new Set(['scheduler-api.ts']);

function actionsTheCodeCalls(files: (file: string) => boolean): Set<string> {
  const dir = path.join(ROOT, 'lib/runner/aws');
  const actions = new Set<string>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && files(f))) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const imp of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/client-([a-z0-9-]+)'/g)) {
      const prefix = PREFIX[imp[2]];
      if (!prefix) throw new Error(`${file} imports @aws-sdk/client-${imp[2]}: add its IAM prefix to this test`);
      for (const name of imp[1].split(',').map((n) => n.trim())) {
        const op = /^([A-Za-z0-9]+)Command$/.exec(name)?.[1];
        if (op && new RegExp(`new ${name}\\(`).test(text)) actions.add(ACTION_OF[`${prefix}:${op}`] ?? `${prefix}:${op}`);
      }
    }
  }
  return actions;
}

function documentedPolicy(): { Statement: { Action: string | string[] }[] } {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/run-in-production.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## IAM permissions for the caller'));
  const json = /```json\n([\s\S]*?)```/.exec(section)?.[1];
  if (!json) throw new Error('no policy JSON under "## IAM permissions for the caller"');
  return JSON.parse(json) as { Statement: { Action: string | string[] }[] };
}

/** The `service:Action` names in the "Permissions of the caller" item of docs/game-days.md's `--remote` section. */
function documentedRemoteActions(): Set<string> {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/game-days.md'), 'utf8');
  const item = /- \*\*Permissions of the caller\*\*([\s\S]*?)\n- /.exec(doc)?.[1];
  if (!item) throw new Error('no "Permissions of the caller" item in docs/game-days.md');
  return new Set([...item.matchAll(/`([a-z0-9]+:[A-Za-z]+)`/g)].map((m) => m[1]));
}

/** The `service:Action` names in the sentence of docs/game-days.md that says what `drills game-days pause|resume` needs. */
function documentedPauseActions(): Set<string> {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/game-days.md'), 'utf8');
  const sentence = /The caller needs (`scheduler:[\s\S]*?)\./.exec(doc)?.[1];
  if (!sentence) throw new Error('no "The caller needs `scheduler:…" sentence in docs/game-days.md');
  return new Set([...sentence.matchAll(/`([a-z0-9]+:[A-Za-z]+)`/g)].map((m) => m[1]));
}

function documentedActions(): Set<string> {
  return new Set(documentedPolicy().Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
}

describe('the documented caller policy', () => {
  const called = actionsTheCodeCalls((f) => !REMOTE_ONLY_FILES.has(f) && !GAME_DAYS_ONLY_FILES.has(f));
  const documented = documentedActions();

  it('is the policy lib/runner/aws/runner-policy.ts makes, with the placeholders as values', () => {
    expect(documentedPolicy()).toEqual(runnerPolicy(DOCUMENTED_POLICY_SCOPE));
  });

  it('finds the calls the adapters make (a scan that found nothing would prove nothing)', () => {
    expect([...called]).toEqual(expect.arrayContaining(['fis:StartExperiment', 'ecs:DescribeServices', 'cloudwatch:PutMetricData', 'sts:GetCallerIdentity']));
  });

  it('allows every call the runner makes that needs a permission', () => {
    const missing = [...called].filter((a) => !NEEDS_NO_PERMISSION.has(a) && !documented.has(a));
    expect(missing).toEqual([]);
  });

  it('lists nothing the runner does not use, and no call that needs no permission', () => {
    const unused = [...documented].filter((a) => !called.has(a) && IMPLIED[a] === undefined);
    expect(unused).toEqual([]);
    expect([...documented].filter((a) => NEEDS_NO_PERMISSION.has(a))).toEqual([]);
  });
});

describe('the documented caller permissions of drills run --remote', () => {
  const called = actionsTheCodeCalls((f) => REMOTE_ONLY_FILES.has(f));

  it('finds the calls that start, follow and stop the runner task', () => {
    expect([...called]).toEqual(expect.arrayContaining(['ecs:RunTask', 'ecs:StopTask', 'logs:GetLogEvents']));
  });

  it('lists every call --remote makes that needs a permission', () => {
    const listed = documentedRemoteActions();
    expect([...called].filter((a) => !NEEDS_NO_PERMISSION.has(a) && !listed.has(a))).toEqual([]);
  });
});

describe('the documented caller permissions of drills game-days pause|resume', () => {
  const called = actionsTheCodeCalls((f) => GAME_DAYS_ONLY_FILES.has(f));

  it('finds the calls that read and change the schedules', () => {
    expect([...called]).toEqual(expect.arrayContaining(['scheduler:GetSchedule', 'scheduler:UpdateSchedule']));
  });

  it('lists every call the command makes that needs a permission', () => {
    const listed = documentedPauseActions();
    expect([...called].filter((a) => !NEEDS_NO_PERMISSION.has(a) && !listed.has(a))).toEqual([]);
  });
});
