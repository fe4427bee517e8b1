import { ConfigError } from '../../lib/config';

/** The problems a config load reports: `ConfigError.problems`, `[]` when it loads; any other error is rethrown. */
export function configProblems(load: () => unknown): readonly string[] {
  try {
    load();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}
