/**
 * Started through npm (`npx drills run …`, `npm exec`, `npm run drills -- run …`)? Then what
 * Ctrl-C does depends on npm's version and platform: npm may exit at once and give the shell its
 * prompt back (exit 130) while this process is still stopping the experiment (npm/cli#7511), or
 * not pass the signal on (npm/cli#7693), or pass it on twice (npm/cli#8164). An operator may
 * believe it is over, or close the terminal. The product cannot change npm, so `drills run`
 * says so once, on stderr, and names the way round.
 * npm marks what it starts with `npm_lifecycle_event` (`npx` for npx/npm exec, the script name
 * for npm run), `npm_execpath` and `npm_config_user_agent` (`npm/<version> …`).
 */

/** The one-line hint (no newline), or undefined when `env` shows no sign of npm. */
export function npmLaunchHint(env: NodeJS.ProcessEnv): string | undefined {
  const byNpm = Boolean(env.npm_lifecycle_event) || Boolean(env.npm_execpath) || /^npm\//.test(env.npm_config_user_agent ?? '');
  if (!byNpm) return undefined;
  const how = env.npm_lifecycle_event === 'npx' ? 'npx/npm exec' : env.npm_lifecycle_event ? `npm run ${env.npm_lifecycle_event}` : 'npm';
  return `drills run: started through ${how}: on Ctrl-C npm may give the prompt back before this run has stopped the experiment; start drills without npm (./node_modules/.bin/drills, drills after \`npm link\` once, or node dist/bin/drills.js in a checkout) to see the stop through (docs/run-in-production.md)`;
}
