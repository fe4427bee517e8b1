import { drills, evidenceFolder, type RehearseSummary } from '../cli/drills-cli';

jest.setTimeout(150_000);
const out = evidenceFolder('e2e-rehearse-');

const rehearse = async (args: string[]): Promise<{ code: number | null; result: RehearseSummary; stderr: string }> => {
  const { code, stdout, stderr } = await drills(['rehearse', '--json', '--out', out(), ...args]).done;
  return { code, result: JSON.parse(stdout) as RehearseSummary, stderr };
};

describe('drills rehearse on the demo service', () => {
  it('holds task-stop-drain with no broken stream and no SIGKILL', async () => {
    const { code, result } = await rehearse(['task-stop-drain']);
    expect(result.runs[0].figures['streams.broken']).toBe(0);
    expect(result.runs[0].figures['tasks.sigkilled']).toBe(0);
    expect(result.verdict).toBe('HELD');
    expect(code).toBe(0);
  });

  it('shows task-hard-kill breaking only the killed task’s streams, and recovery', async () => {
    const { result } = await rehearse(['task-hard-kill']);
    const f = result.runs[0].figures;
    expect(f['streams.broken']).toBeGreaterThan(0);
    expect(f['streams.brokenOffTarget']).toBe(0);
    expect(f['recovery.seconds']).toBeDefined();
  });

  it('keeps serving through az-outage and recovers', async () => {
    const { result } = await rehearse(['az-outage']);
    const f = result.runs[0].figures;
    expect(f['requests.failed']).toBeLessThanOrEqual(f['requests.total'] * 0.05);
    expect(f['recovery.seconds']).toBeDefined();
  });

  // Services that do not drain, bad commands and signals: rehearse-misbehaving and rehearse-leftovers.
});
