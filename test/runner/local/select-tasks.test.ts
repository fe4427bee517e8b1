import { selectTasks } from '../../../lib/runner/local/select-tasks';

describe('selectTasks', () => {
  const tasks = ['t1', 't2', 't3', 't4'];

  test('takes the first n tasks for COUNT(n)', () => {
    expect(selectTasks(tasks, { count: 2 })).toEqual(['t1', 't2']);
    expect(selectTasks(tasks, { count: 9 })).toEqual(tasks);
  });

  test('rounds PERCENT(n) down, as FIS does', () => {
    expect(selectTasks(tasks, { percent: 50 })).toEqual(['t1', 't2']);
    expect(selectTasks(tasks, { percent: 74 })).toEqual(['t1', 't2']);
  });

  test('selects nothing when the percentage is below one task', () => {
    expect(selectTasks(tasks, { percent: 20 })).toEqual([]);
    expect(selectTasks([], { count: 1 })).toEqual([]);
  });
});
