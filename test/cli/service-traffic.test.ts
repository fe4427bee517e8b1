import { demoTrafficFor } from '../../lib/cli/service-traffic';
import { DEMO_TRAFFIC } from '../../lib/traffic';

describe('demoTrafficFor', () => {
  it('sends the demo its own jobs when the demo runs', () => {
    expect(demoTrafficFor(undefined, undefined, DEMO_TRAFFIC)).toEqual({ profile: DEMO_TRAFFIC });
  });

  it("drops the demo's jobs for another --command, keeping its streams and requests, and says so", () => {
    const sent = demoTrafficFor('other-command', undefined, DEMO_TRAFFIC);
    expect(sent.profile.jobs).toBeUndefined();
    expect(sent.profile.streams).toEqual(DEMO_TRAFFIC.streams);
    expect(sent.profile.requests).toEqual(DEMO_TRAFFIC.requests);
    expect(sent.notice).toMatch(/--traffic <file>/);
  });

  it("drops the demo's jobs on AWS, where the deployed demo's job records are per task", () => {
    const sent = demoTrafficFor('aws', undefined, DEMO_TRAFFIC);
    expect(sent.profile.jobs).toBeUndefined();
    expect(sent.notice).toMatch(/each task's own disk/);
  });

  it('keeps a profile the user wrote, jobs and all, whatever the command', () => {
    const own = { ...DEMO_TRAFFIC, requests: { method: 'GET', path: '/api/items' } } as typeof DEMO_TRAFFIC;
    expect(demoTrafficFor('other-command', undefined, own)).toEqual({ profile: own });
    expect(demoTrafficFor('other-command', 'traffic.json', DEMO_TRAFFIC)).toEqual({ profile: DEMO_TRAFFIC });
  });
});
