import { splitCommand } from '../../../lib/runner/local/split-command';

describe('splitCommand', () => {
  test('splits a plain command on whitespace so its first word is the main process', () => {
    expect(splitCommand('node  service/dist/server.js --flag')).toEqual(['node', 'service/dist/server.js', '--flag']);
  });

  test('keeps quoted words together and drops the quotes', () => {
    expect(splitCommand(`node "my dir/server.js" 'a b' c\\ d`)).toEqual(['node', 'my dir/server.js', 'a b', 'c d']);
  });

  test('makes sh the main process of a shell wrapper, as a shell-form entrypoint does', () => {
    expect(splitCommand('sh -c "node server.js; echo bye"')).toEqual(['sh', '-c', 'node server.js; echo bye']);
  });

  test('runs a command that needs a shell through sh -c', () => {
    expect(splitCommand('node a.js && echo done')).toEqual(['sh', '-c', 'node a.js && echo done']);
    expect(splitCommand('PORT=1 node a.js')).toEqual(['sh', '-c', 'PORT=1 node a.js']);
    expect(splitCommand('node "$APP"')).toEqual(['sh', '-c', 'node "$APP"']);
  });

  test('runs a command with an unclosed quote through sh -c, which reports it', () => {
    expect(splitCommand('node "a.js')).toEqual(['sh', '-c', 'node "a.js']);
  });
});
