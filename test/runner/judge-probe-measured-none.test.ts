/**
 * The judge's guard against a probe that measured nothing it was asked for. No real run reaches
 * the requests case (the probe records every request it starts, even one cut short), so it is
 * pinned here: delete the rule and the first test fails; make it fire without its condition and
 * the second does.
 */
import type { Expectation } from '../../lib/drill';
import { judge } from '../../lib/runner/judge';

const expectations: Expectation[] = [{ figure: 'recovery.seconds', op: '<=', bound: { aws: 180, local: 20 } }];
const injected = { injected: true, targets: ['t1'] };

describe('judge: a probe that measured none of what it asked for', () => {
  it('fails with ERROR when the probe asked for requests and measured none, though every expectation held', () => {
    const j = judge({ 'requests.total': 0, 'recovery.seconds': 1 }, expectations, 'aws', { injection: injected, expectedRequests: true });
    expect(j.verdict).toBe('ERROR');
    expect(j.reasons[0]).toBe('the probe asked for requests and measured none');
  });

  it('holds with no requests measured when the probe asked for none', () => {
    expect(judge({ 'requests.total': 0, 'recovery.seconds': 1 }, expectations, 'aws', { injection: injected, expectedRequests: false }).verdict).toBe('HELD');
  });
});
