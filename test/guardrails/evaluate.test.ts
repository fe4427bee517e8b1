import * as fs from 'fs';
import * as path from 'path';
import { DRILLS_PACK } from '../../lib/guardrails/drills-pack';
import { evaluate } from '../../lib/guardrails/evaluate';
import { formatFinding, formatSuppressed } from '../../lib/guardrails/format-finding';
import { templateView } from '../../lib/guardrails/template-view';
import type { CfnTemplate } from '../../lib/guardrails/types';
import { appContainer, compliantTemplate, withEdit } from './fixture';

const run = (template: CfnTemplate, options = {}) => evaluate(templateView([{ name: 'Demo', template }]), DRILLS_PACK, options);

describe('evaluate', () => {
  it('finds nothing in the compliant fixture, in production too', () => {
    expect(run(compliantTemplate()).findings).toEqual([]);
    expect(run(compliantTemplate(), { environment: 'production' }).findings).toEqual([]);
  });

  it('gives every rule a unique id', () => {
    const ids = DRILLS_PACK.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reports a finding with rule, severity, resource and message', () => {
    const t = withEdit('TaskDefinition', (p) => {
      appContainer(p).StopTimeout = 300;
    });
    expect(run(t).findings).toEqual([
      {
        rule: 'DRILL-DRAIN-1',
        severity: 'error',
        resource: 'Demo/TaskDefinition',
        message: expect.stringContaining('(container app: stopTimeout 300 s)'),
      },
    ]);
  });

  it('names the construct path when the template carries aws:cdk:path', () => {
    const t = withEdit('Service', (p) => {
      p.DesiredCount = 1;
    });
    t.Resources.Service.Metadata = { 'aws:cdk:path': 'Workload/Service/Service' };
    expect(formatFinding(run(t).findings[0])).toBe('[Error at /Workload/Service/Service] DRILL-DRAIN-9: The service runs fewer than 2 tasks: every stop is an outage. (desired count 1)');
  });

  it('honours a suppression in the template metadata and keeps its reason', () => {
    const t = withEdit('Service', (p) => {
      p.DesiredCount = 1;
    });
    t.Resources.Service.Metadata = { fis_drills: { rules_to_suppress: [{ id: 'DRILL-DRAIN-9', reason: 'a singleton consumer by design' }] } };
    const result = run(t);
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map(formatSuppressed)).toEqual(['[Suppressed at /Demo/Service] DRILL-DRAIN-9: a singleton consumer by design']);
  });

  it('rejects a suppression whose reason is too short, and notes it', () => {
    const t = withEdit('Service', (p) => {
      p.DesiredCount = 1;
    });
    t.Resources.Service.Metadata = { fis_drills: { rules_to_suppress: [{ id: 'DRILL-DRAIN-9', reason: 'ok' }] } };
    const result = run(t);
    expect(result.findings.map((f) => f.rule)).toEqual(['DRILL-DRAIN-9']);
    expect(result.notes).toContainEqual({ rule: '-', resource: 'Demo/Service', message: 'suppression of DRILL-DRAIN-9 ignored: reason shorter than 10 characters' });
  });

  it('reports a rule that throws as a finding instead of crashing', () => {
    const pack = [
      {
        id: 'DRILL-TEST-1',
        severity: 'warning' as const,
        message: 'm',
        rule: () => {
          throw new Error('boom');
        },
      },
    ];
    const result = evaluate(templateView([{ name: 'S', template: { Resources: { A: { Type: 'X' } } } }]), pack);
    expect(result.findings).toEqual([{ rule: 'DRILL-TEST-1', severity: 'warning', resource: 'S/A', message: 'm (the rule failed: boom)' }]);
  });

  it('resolves an Fn::ImportValue to the exporting template', () => {
    const workload = compliantTemplate();
    const drills = {
      Resources: {
        KillDrill: workload.Resources.KillDrill,
        ExperimentRole: workload.Resources.ExperimentRole,
        ErrorRateAlarm: workload.Resources.ErrorRateAlarm,
        ExperimentLogs: workload.Resources.ExperimentLogs,
      },
    };
    delete (workload.Resources as Record<string, unknown>).KillDrill;
    drills.Resources.KillDrill.Properties.Targets.ServiceTasks.Parameters.service = { 'Fn::ImportValue': 'Workload:ServiceName' };
    (workload as Record<string, unknown>).Outputs = { Exported: { Value: { 'Fn::GetAtt': ['Service', 'Name'] }, Export: { Name: 'Workload:ServiceName' } } };
    workload.Resources.Service.Properties.EnableExecuteCommand = true;
    const view = templateView([
      { name: 'Workload', template: workload },
      { name: 'Drills', template: drills },
    ]);
    expect(evaluate(view, DRILLS_PACK).findings.map((f) => `${f.rule} ${f.resource}`)).toEqual(['DRILL-FIS-7 Drills/KillDrill']);
  });
});

describe('the README', () => {
  it('lists every rule of the pack with its severity', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const missing = DRILLS_PACK.filter((e) => !doc.includes(`| ${e.id} | ${e.severity} |`)).map((e) => e.id);
    expect(missing).toEqual([]);
  });
});
