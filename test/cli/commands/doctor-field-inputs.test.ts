/**
 * The field inputs (shared/field-inputs, copied to test/fixtures/field-inputs): files shaped
 * like what platform teams run, each with the right answer doctor must give.
 */
import * as path from 'path';
import { doctorCommand } from '../../../lib/cli/commands/doctor';
import { recordingIoHost } from '../../../lib/cli/recording-io-host';

const FIELD = path.join(__dirname, '..', '..', 'fixtures', 'field-inputs');

async function doctor(file: string) {
  const io = recordingIoHost();
  const code = await doctorCommand({ paths: [path.join(FIELD, file)], json: true }, io);
  const out = io.stdout.join('');
  const err = io.stderr.join('');
  const findings = (JSON.parse(out) as { findings: { rule: string; severity: string; resource: string; message: string }[] }).findings;
  return { code, findings, err };
}

describe('doctor on the field inputs', () => {
  it('flags only the sh -c container without exec (ledger), not the one that execs java (api)', async () => {
    const r = await doctor('sh-c-exec-and-no-exec.template.json');
    expect(r.code).toBe(1);
    expect(r.findings).toEqual([expect.objectContaining({ rule: 'DRILL-DRAIN-4', severity: 'error', message: expect.stringContaining('container ledger') })]);
    expect(r.findings[0].message).not.toContain('container api');
  });

  it('reads a task definition in the register-task-definition shape: DRILL-DRAIN-1, -2 and -4, and not for the CMD-SHELL health check', async () => {
    const r = await doctor('ecs-task-definition.json');
    expect(r.code).toBe(1);
    expect(r.err).toContain('read ecs-task-definition as ECS task definition (register-task-definition shape)');
    expect(r.findings.map((f) => `${f.rule} ${f.severity} ${f.resource}`)).toEqual([
      'DRILL-DRAIN-1 error ecs-task-definition/storefront-web',
      'DRILL-DRAIN-2 error ecs-task-definition/storefront-web',
      'DRILL-DRAIN-4 error ecs-task-definition/storefront-web',
    ]);
    expect(r.findings[2].message).toMatch(/container web: sh -c runs 'npm' last without exec/);
    expect(r.findings[2].message).not.toMatch(/CMD-SHELL|curl/);
  });

  it('fails the template with three wiring mistakes with exit 1 and one error per mistake, each naming what FIS accepts', async () => {
    const r = await doctor('fis-wiring-mistakes.template.json');
    expect(r.code).toBe(1);
    expect(r.findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(['DRILL-FIS-9 error', 'DRILL-FIS-10 error', 'DRILL-FIS-14 error']);
    expect(r.findings[0].message).toMatch(/action StopFirst: aws:ecs:stop-task takes target key 'Tasks' \(aws:ecs:task\), not 'Clusters'/);
    expect(r.findings[1].message).toMatch(/action StopSecond: Tasks points at target 'CartTask', which does not exist \(the template defines 'CartTasks'\)/);
    expect(r.findings[2].message).toMatch(/target CartTasks: ResourceArns with ResourceTags \(FIS takes ARNs, or tags and\/or filters, not both\)/);
  });

  it('reads an FIS template in the API shape: DRILL-FIS-1 for stop condition none, and skip as an error in production', async () => {
    const r = await doctor('fis-api-template.json');
    expect(r.code).toBe(1);
    expect(r.err).toContain('read fis-api-template as FIS experiment template (API shape)');
    expect(r.findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(['DRILL-FIS-1 error', 'DRILL-FIS-8 warning', 'DRILL-FIS-16 error']);
    expect(r.findings[2].message).toMatch(/injects nothing and still completes.*EmptyTargetResolutionMode is skip in production/);
    expect(r.err).not.toMatch(/unknown action/);
  });
});
