/**
 * Start commands and shell scripts at the edges the word-by-word tables leave open: where `&`
 * stands (before the last command, or after it), stray separators around an `exec`, a compound
 * command after a plain one, a trailing backslash.
 */
import { shellSegments } from '../../../lib/guardrails/rules/drain/shell-segments';
import { judgeStartCommand } from '../../../lib/guardrails/rules/drain/start-command';

describe('judgeStartCommand and the background operator', () => {
  it('accepts a helper sent to the background before the app is exec-ed in the foreground', () => {
    expect(judgeStartCommand(['sh', '-c', 'log-shipper & exec node server.js'])).toEqual({ kind: 'shell-execs', how: 'the script ends with exec node' });
  });
  it('fails a script that sends its last command to the background, saying how to fix it', () => {
    expect(judgeStartCommand(['sh', '-c', 'node server.js &'])).toEqual({
      kind: 'shell-stays',
      why: "the last command ('node') runs in a background job, not as the process ECS signals: drop the & and prefix it with exec",
    });
  });
  it('fails a foreground app after a background helper as run without exec', () => {
    expect(judgeStartCommand(['sh', '-c', 'log-shipper & node server.js'])).toEqual({ kind: 'shell-stays', why: "sh -c runs 'node' last without exec: prefix it with exec" });
  });
  it('still fails an app in a pipeline', () => {
    expect(judgeStartCommand(['sh', '-c', 'exec node server.js | tee /log'])).toEqual({ kind: 'shell-stays', why: 'the last command runs in a pipeline, so the shell stays' });
  });
  it('accepts an exec followed by a stray semicolon or newline', () => {
    expect(judgeStartCommand(['sh', '-c', 'exec node server.js;'])).toEqual({ kind: 'shell-execs', how: 'the script ends with exec node' });
    expect(judgeStartCommand(['sh', '-c', 'cd /app\nexec node server.js\n'])).toEqual({ kind: 'shell-execs', how: 'the script ends with exec node' });
  });
});

describe('shellSegments at its edges', () => {
  it('names the operator after the last command', () => {
    expect(shellSegments('a & b').endsWith).toBe('\n');
    expect(shellSegments('a & b &').endsWith).toBe('&');
    expect(shellSegments('a;').endsWith).toBe(';');
    expect(shellSegments('').endsWith).toBe('');
  });
  it('drops the empty commands around stray separators', () => {
    expect(shellSegments('\n\n; app;').segments).toEqual([{ joinedBy: '', words: ['app'] }]);
  });
  it('marks a script as complex when a compound command follows a plain one', () => {
    expect(shellSegments('cd /app; while true; do app; done').complex).toBe(true);
  });
  it('keeps a backslash at the very end of the script as itself', () => {
    expect(shellSegments('exec app\\').segments).toEqual([{ joinedBy: '', words: ['exec', 'app\\'] }]);
  });
});
