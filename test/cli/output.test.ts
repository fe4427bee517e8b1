/** The output port: levels to streams, the `drills <cmd>: ` prefix, the --json switch, the width tables fit. */
import { Output } from '../../lib/cli/output';
import { recordingIoHost } from '../../lib/cli/recording-io-host';
import { terminalIoHost } from '../../lib/cli/terminal-io-host';
import { Writable } from 'stream';

describe('Output', () => {
  it('puts the result on stdout and notices, progress and failures on stderr, each message once', () => {
    const io = recordingIoHost();
    const output = new Output(io, 'run');
    output.result('HELD  task-stop-drain');
    output.notice('--yes given');
    output.progress('[task-stop-drain +0.1s] steady');
    output.failure('unknown drill');
    expect(io.stdout).toEqual(['HELD  task-stop-drain\n']);
    expect(io.stderr).toEqual(['drills run: --yes given\n', '[task-stop-drain +0.1s] steady\n', 'drills run: unknown drill\n']);
    expect(io.messages.map((m) => [m.level, m.command])).toEqual([
      ['result', 'run'],
      ['notice', 'run'],
      ['progress', 'run'],
      ['failure', 'run'],
    ]);
  });

  it('starts a notice after a signal on a line of its own, and adds no second newline', () => {
    const io = recordingIoHost();
    const output = new Output(io, 'stop');
    output.notice('SIGINT: still sending StopExperiment', { newLineFirst: true });
    output.progress('two lines\nalready ended\n');
    expect(io.stderr).toEqual(['\ndrills stop: SIGINT: still sending StopExperiment\n', 'two lines\nalready ended\n']);
  });

  it('prints only the JSON with --json, and the text (a line per entry) without it', () => {
    const json = recordingIoHost();
    new Output(json, 'preflight', { json: true }).result(['ok  account', 'ok  region'], { ok: true, checks: [] });
    expect(json.stdout).toEqual(['{\n  "ok": true,\n  "checks": []\n}\n']);
    const text = recordingIoHost();
    new Output(text, 'preflight').result(['ok  account', 'ok  region'], { ok: true, checks: [] });
    expect(text.stdout).toEqual(['ok  account\n', 'ok  region\n']);
  });

  it('writes nothing for an empty text (a command with nothing to say on stdout)', () => {
    const io = recordingIoHost();
    const output = new Output(io, 'doctor');
    output.result([]);
    output.progress('');
    expect(io.messages).toEqual([]);
  });

  it('keeps going when the host throws (a terminal that is gone must not end a stop)', () => {
    const output = new Output(
      {
        notify: () => {
          throw new Error('EIO');
        },
      },
      'run',
    );
    expect(() => output.failure('still stopping')).not.toThrow();
  });

  it('fits tables to the terminal, and to 100 columns when stdout is not a terminal', () => {
    expect(new Output(recordingIoHost(), 'list').columns).toBe(100);
    expect(new Output(recordingIoHost(72), 'list').columns).toBe(72);
    const tty = Object.assign(new Writable({ write: (_c, _e, done) => done() }), { isTTY: true, columns: 61 }) as unknown as NodeJS.WriteStream;
    const pipe = Object.assign(new Writable({ write: (_c, _e, done) => done() }), { columns: 61 }) as unknown as NodeJS.WriteStream;
    expect(new Output(terminalIoHost(tty, new Writable({ write: (_c, _e, done) => done() })), 'list').columns).toBe(61);
    expect(new Output(terminalIoHost(pipe, new Writable({ write: (_c, _e, done) => done() })), 'list').columns).toBe(100);
  });

  it('sends results to stdout and the rest to stderr through the process host', () => {
    const written = { out: '', err: '' };
    const stream = (key: 'out' | 'err') => new Writable({ write: (c, _e, done) => ((written[key] += c.toString()), done()) });
    const output = new Output(terminalIoHost(stream('out') as unknown as NodeJS.WriteStream, stream('err')), 'history');
    output.result('no runs yet');
    output.notice('evidence/index.html');
    expect(written).toEqual({ out: 'no runs yet\n', err: 'drills history: evidence/index.html\n' });
  });
});
