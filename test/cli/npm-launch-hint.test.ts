import { npmLaunchHint } from '../../lib/cli/npm-launch-hint';

describe('npmLaunchHint', () => {
  it('names npx and the installed binary when started by npx or npm exec', () => {
    const hint = npmLaunchHint({ npm_lifecycle_event: 'npx', npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js', npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64' });
    expect(hint).toMatch(/^drills run: started through npx\/npm exec: .*without npm \(\.\/node_modules\/\.bin\/drills, drills after `npm link` once/);
    expect(hint).not.toContain('\n');
  });

  it('names the script when started by npm run', () => {
    expect(npmLaunchHint({ npm_lifecycle_event: 'drills', npm_execpath: '/x/npm-cli.js' })).toContain('started through npm run drills');
  });

  it('says nothing when no npm variable is set (the installed binary, started by a shell)', () => {
    expect(npmLaunchHint({ PATH: '/usr/bin', HOME: '/root' })).toBeUndefined();
  });
});
