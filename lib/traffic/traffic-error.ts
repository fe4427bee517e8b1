/**
 * A traffic profile that cannot be used: invalid, unreadable, or naming an environment variable
 * that is not set. The CLI reports it as a usage error (exit 2) before anything starts.
 */
export class TrafficError extends Error {
  constructor(
    readonly problems: readonly string[],
    readonly source: string,
  ) {
    super(
      `traffic profile (${source}) has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}\n  (\`drills schema traffic\` prints every key it takes; docs/your-service.md has examples)`,
    );
    this.name = 'TrafficError';
  }
}
