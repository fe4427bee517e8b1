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

describe('judgeStartCommand, word by word', () => {
  it.each<[string[], object]>([
    [[], { kind: 'exec-form' }],
    [['sh', '-c', ''], { kind: 'shell-stays', why: 'sh -c with an empty script' }],
    [['sh', '-c'], { kind: 'shell-stays', why: 'sh -c with an empty script' }],
    [['env', '-i', 'NODE_ENV=production', 'sh', '-c', 'exec app'], { kind: 'shell-execs', how: 'the script ends with exec app' }],
    [['env'], { kind: 'exec-form' }],
    [['sh -c', 'exec app'], { kind: 'shell-execs', how: 'the script ends with exec app' }],
    [['sh -c app; other'], { kind: 'exec-form' }],
    [['sh', '-c', 'exec > /log app'], { kind: 'shell-execs', how: 'the script ends with exec app' }],
    [['sh', '-c', 'exec >> /log app'], { kind: 'shell-execs', how: 'the script ends with exec app' }],
    [['sh', '-c', 'exec 2>/dev/null app'], { kind: 'shell-execs', how: 'the script ends with exec app' }],
    [['sh', '-c', 'exec -l -- app-c'], { kind: 'shell-execs', how: 'the script ends with exec app-c' }],
    [['sh', '-ec', 'exec app'], { kind: 'shell-execs', how: 'the script ends with exec app' }],
    [['sh', '-ce', 'exec app'], { kind: 'shell-execs', how: 'the script ends with exec app' }],
    [['sh', '-e', 'run.sh'], { kind: 'script-unseen', script: 'sh run.sh' }],
    [['sh'], { kind: 'shell-stays', why: 'sh with no script reads commands from stdin' }],
    [['bash', '-c', 'java -jar app.jar'], { kind: 'shell-execs', how: 'bash -c execs a single simple command' }],
    [['sh', '-c', 'echo x TERM; exec app'], { kind: 'shell-execs', how: 'the script ends with exec app' }],
    [['sh', '-c', "trap 'echo bye' INT TERM; exec app"], { kind: 'unparsed', why: 'sh -c with a script that traps SIGTERM itself (forwarding is its own)' }],
    [['sh', '-c', 'trap TERM; exec app'], { kind: 'shell-execs', how: 'the script ends with exec app' }],
    [['sh', '-c', 'if true; then app; fi'], { kind: 'unparsed', why: 'sh -c with a script doctor does not follow (subshell or compound command)' }],
    [['sh', '-c', 'exec -a name app --port 1'], { kind: 'shell-execs', how: 'the script ends with exec app' }],
    [['sh', '-c', 'exec 2> /dev/null app'], { kind: 'shell-execs', how: 'the script ends with exec app' }],
    [['sh', '-o', 'errexit', '-c', 'exec app'], { kind: 'shell-execs', how: 'the script ends with exec app' }],
    [['sh', '-c', '--', 'exec app'], { kind: 'shell-execs', how: 'the script ends with exec app' }],
    [['sh', '--', 'run.sh'], { kind: 'script-unseen', script: 'sh run.sh' }],
    [['sh', '-c', 'app | tee /log'], { kind: 'shell-stays', why: 'the last command runs in a pipeline, so the shell stays' }],
    [['sh', '-c', 'app'], { kind: 'shell-stays', why: "sh -c runs 'app' as its child: prefix it with exec" }],
    [['sh', '-c', 'X=$(cat /f); exec app'], { kind: 'shell-execs', how: 'the script ends with exec app' }],
    [['sh', '-c', 'cd /x && app'], { kind: 'shell-stays', why: "sh -c runs 'app' last without exec: prefix it with exec" }],
  ])('reads %j as %j', (argv, verdict) => {
    expect(judgeStartCommand(argv)).toEqual(verdict);
  });
});

describe('shellSegments, character by character', () => {
  it('takes a backslash inside double quotes as an escape, and one inside single quotes as itself', () => {
    expect(shellSegments(`echo "a\\"b" 'c\\d'`).segments).toEqual([{ joinedBy: '', words: ['echo', 'a"b', 'c\\d'] }]);
  });
  it('takes a backslash outside quotes as an escape, and a backslash-newline as a line continuation', () => {
    expect(shellSegments('echo a\\;b \\\nexec app').segments).toEqual([{ joinedBy: '', words: ['echo', 'a;b', 'exec', 'app'] }]);
  });
  it('skips a comment to the end of its line, and keeps a # inside a word', () => {
    expect(shellSegments('cd /x # go there; rm -rf /\nexec app#1').segments).toEqual([
      { joinedBy: '', words: ['cd', '/x'] },
      { joinedBy: '\n', words: ['exec', 'app#1'] },
    ]);
  });
  it('keeps a command substitution with nested parentheses in one word, and splits after it', () => {
    expect(shellSegments('exec java $(echo $(cat /o) (x)) -jar a.jar; b').segments).toEqual([
      { joinedBy: '', words: ['exec', 'java', '$(echo $(cat /o) (x))', '-jar', 'a.jar'] },
      { joinedBy: ';', words: ['b'] },
    ]);
  });
  it('marks an operator with no command before it as complex, but not an empty line or a stray semicolon', () => {
    expect(shellSegments('&& app').complex).toBe(true);
    expect(shellSegments('| app').complex).toBe(true);
    expect(shellSegments('\n\n; app;').complex).toBe(false);
  });
  it('splits at every operator, naming the one before each command', () => {
    expect(shellSegments('a\tb;c|d&e&&f||g\nh').segments).toEqual([
      { joinedBy: '', words: ['a', 'b'] },
      { joinedBy: ';', words: ['c'] },
      { joinedBy: '|', words: ['d'] },
      { joinedBy: '&', words: ['e'] },
      { joinedBy: '&&', words: ['f'] },
      { joinedBy: '||', words: ['g'] },
      { joinedBy: '\n', words: ['h'] },
    ]);
  });
  it('keeps a command substitution glued to the word before it and after it', () => {
    expect(shellSegments('exec a$(b c)d (e)').segments).toEqual([{ joinedBy: '', words: ['exec', 'a$(b c)d', '(e)'] }]);
    expect(shellSegments('x $(a) ( y').complex).toBe(true);
    expect(shellSegments('x $(a) ) y').complex).toBe(true);
    expect(shellSegments('x $(a (b)) y').complex).toBe(false);
  });
  it('marks a compound command as complex by its keyword', () => {
    expect(shellSegments('while true; do app; done').complex).toBe(true);
    expect(shellSegments('exec app done').complex).toBe(false);
  });
});
