import { placeTask } from '../../../lib/runner/local/place-task';

describe('placeTask', () => {
  const zones = ['zone-a', 'zone-b', 'zone-c'];

  test('spreads tasks round robin: the zone with the fewest tasks, earliest on a tie', () => {
    expect(placeTask(zones, new Set(), new Map())).toBe('zone-a');
    expect(placeTask(zones, new Set(), new Map([['zone-a', 1]]))).toBe('zone-b');
    expect(
      placeTask(
        zones,
        new Set(),
        new Map([
          ['zone-a', 1],
          ['zone-b', 1],
          ['zone-c', 1],
        ]),
      ),
    ).toBe('zone-a');
  });

  test('never places a task in a closed zone', () => {
    expect(placeTask(zones, new Set(['zone-a']), new Map([['zone-b', 3]]))).toBe('zone-c');
    expect(placeTask(['zone-a'], new Set(['zone-a']), new Map())).toBeUndefined();
  });
});
