import { shellSegments } from '../../../lib/guardrails/rules/drain/shell-segments';
import { judgeStartCommand } from '../../../lib/guardrails/rules/drain/start-command';

describe('judgeStartCommand', () => {
  it.each<[string[], string]>([
    [['node', 'server.js'], 'exec-form'],
    [['/usr/local/bin/shasum'], 'exec-form'],
    [['node', 'bash-like.js'], 'exec-form'],
    [['sh', '-c', 'exec java -jar app.jar'], 'shell-execs'],
    [['sh', '-c', 'cd /app && exec "$0" "$@"', 'node'], 'shell-execs'],
    [['sh', '-c', 'exec >/log 2>&1; exec node server.js'], 'shell-execs'],
    [['sh', '-c', 'exec java $(cat /opts) -jar app.jar'], 'shell-execs'],
    [['bash', '-c', 'java -jar app.jar'], 'shell-execs'],
    [['busybox', 'sh', '-c', 'exec app'], 'shell-execs'],
    [['sh', '-c', 'java -jar app.jar'], 'shell-stays'],
    [['sh', '-c', 'exec >/log 2>&1'], 'shell-stays'],
    [['bash', '-c', 'java -jar app.jar > /log'], 'shell-stays'],
    [['sh', '-c', 'app &'], 'shell-stays'],
    [['sh'], 'shell-stays'],
    [['/start.sh'], 'script-unseen'],
    [['bash', 'run.sh'], 'script-unseen'],
    [['sh', '-c', 'if true; then app; fi'], 'unparsed'],
    [['sh', '-c', "trap 'kill -TERM $PID' TERM; node server.js & PID=$!; wait $PID"], 'unparsed'],
  ])('reads %j as %s', (argv, kind) => {
    expect(judgeStartCommand(argv).kind).toBe(kind);
  });
});

describe('shellSegments', () => {
  it('splits at top-level operators and keeps quoted ones inside words', () => {
    const { segments, complex } = shellSegments(`echo 'a && b'; x="1|2" run && exec app --flag "v w"`);
    expect(complex).toBe(false);
    expect(segments).toEqual([
      { joinedBy: '', words: ['echo', 'a && b'] },
      { joinedBy: ';', words: ['x=1|2', 'run'] },
      { joinedBy: '&&', words: ['exec', 'app', '--flag', 'v w'] },
    ]);
  });
  it('marks a subshell or an open quote as complex', () => {
    expect(shellSegments('(cd /x; app)').complex).toBe(true);
    expect(shellSegments('app "unclosed').complex).toBe(true);
  });
});
