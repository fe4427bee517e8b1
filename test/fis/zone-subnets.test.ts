/**
 * The az-outage automation's script (lib/fis/automation/zone-subnets.py), run by the real Python
 * interpreter against a fake ECS client: subnets removed for the outage, restored whatever the
 * order of calls, restore idempotent.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

const SCRIPT = path.join(__dirname, '../../lib/fis/automation/zone-subnets.py');
const HARNESS = path.join(__dirname, 'zone-subnets-harness.py');

interface Outcome {
  results: { status?: string; error?: string; subnets?: string[] }[];
  updates: { subnets: string[]; securityGroups: string[]; assignPublicIp: string }[];
  subnets: string[];
}

function run(scenario: { subnets: string[]; zone: string[]; steps: string[]; failUpdates?: number }): Outcome {
  return JSON.parse(execFileSync('python3', [HARNESS, SCRIPT, JSON.stringify(scenario)], { encoding: 'utf8', timeout: 20_000 })) as Outcome;
}

describe('zone-subnets automation script', () => {
  test("removes the zone's subnets and keeps the security groups and public-IP setting", () => {
    const out = run({ subnets: ['subnet-a', 'subnet-b'], zone: ['subnet-a'], steps: ['remove'] });
    expect(out.results[0].status).toBe('REMOVED');
    expect(out.subnets).toEqual(['subnet-b']);
    expect(out.updates).toEqual([{ subnets: ['subnet-b'], securityGroups: ['sg-1'], assignPublicIp: 'DISABLED' }]);
  });

  test('restores what it removed, and a second restore changes nothing (idempotent: no UpdateService)', () => {
    const out = run({ subnets: ['subnet-a', 'subnet-b'], zone: ['subnet-a'], steps: ['remove', 'restore', 'restore'] });
    expect(out.results.map((r) => r.status)).toEqual(['REMOVED', 'RESTORED', 'ALREADY_PRESENT']);
    expect(out.subnets.sort()).toEqual(['subnet-a', 'subnet-b']);
    expect(out.updates).toHaveLength(2);
  });

  test('restores when it runs without a removal first (a cancel before the first step) by doing nothing', () => {
    const out = run({ subnets: ['subnet-a', 'subnet-b'], zone: ['subnet-a'], steps: ['restore'] });
    expect(out.results[0].status).toBe('ALREADY_PRESENT');
    expect(out.updates).toHaveLength(0);
  });

  test('retries a throttled UpdateService during restore until the subnets are back', () => {
    const out = run({ subnets: ['subnet-a', 'subnet-b'], zone: ['subnet-a'], steps: ['remove', 'restore'], failUpdates: 0 });
    expect(out.subnets.sort()).toEqual(['subnet-a', 'subnet-b']);
    const throttled = run({ subnets: ['subnet-b'], zone: ['subnet-a'], steps: ['restore'], failUpdates: 2 });
    expect(throttled.results[0].status).toBe('RESTORED');
    expect(throttled.subnets.sort()).toEqual(['subnet-a', 'subnet-b']);
  });

  test("refuses to remove the service's last subnets", () => {
    const out = run({ subnets: ['subnet-a'], zone: ['subnet-a'], steps: ['remove'] });
    expect(out.results[0].error).toMatch(/would leave service s with no subnet/);
    expect(out.updates).toHaveLength(0);
  });
});
