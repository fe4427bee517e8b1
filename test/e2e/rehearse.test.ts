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

  it('holds task-hard-kill, breaking only the killed task’s streams, with recovery: HELD, exit 0', async () => {
    const { code, result } = await rehearse(['task-hard-kill']);
    const f = result.runs[0].figures;
    expect(f['streams.broken']).toBeGreaterThan(0);
    expect(f['streams.brokenOffTarget']).toBe(0);
    expect(f['tasks.running.min']).toBe(1);
    expect(f['recovery.seconds']).toBeGreaterThan(0);
    expect({ verdict: result.verdict, figures: f }).toEqual({ verdict: 'HELD', figures: f }); // a failure shows the figures
    expect(code).toBe(0);
  });

  it('holds az-outage, serving through it and recovering: HELD, exit 0', async () => {
    const { code, result } = await rehearse(['az-outage']);
    const f = result.runs[0].figures;
    expect(f['requests.total']).toBeGreaterThan(0);
    expect(f['requests.failed']).toBeLessThanOrEqual(f['requests.total'] * 0.05);
    expect(f['recovery.seconds']).toBeGreaterThan(0);
    expect({ verdict: result.verdict, figures: f }).toEqual({ verdict: 'HELD', figures: f }); // a failure shows the figures
    expect(code).toBe(0);
  });

  // Services that do not drain, bad commands and signals: rehearse-misbehaving and rehearse-leftovers.
});
