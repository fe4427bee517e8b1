/**
 * The field inputs (shared/field-inputs, copied to test/fixtures/field-inputs): files shaped
 * like what platform teams run, each with the right answer doctor must give.
 */
import * as path from 'path';
import { doctorCommand } from '../../lib/cli/commands/doctor';

const FIELD = path.join(__dirname, '..', 'fixtures', 'field-inputs');

async function doctor(file: string) {
  let out = '';
  let err = '';
  const code = await doctorCommand({ paths: [path.join(FIELD, file)], json: true }, { out: (t) => { out += t; }, err: (t) => { err += t; } });
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
});
