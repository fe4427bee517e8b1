import { portInUseLine } from '../../../lib/runner/local/port-in-use';

describe('a port clash, whatever the language', () => {
  it.each([
    ['Node', 'Error: listen EADDRINUSE: address already in use 127.0.0.1:8080'],
    ['Python', 'OSError: [Errno 98] Address already in use'],
    ['Java', 'java.net.BindException: Address already in use'],
    ['Go', 'listen tcp 127.0.0.1:8080: bind: address already in use'],
    ['Rust', 'Error: Os { code: 98, kind: AddrInUse, message: "Address in use" }'],
    ['.NET', 'System.Net.Sockets.SocketException: Only one usage of each socket address (protocol/network address/port) is normally permitted'],
  ])('is recognised in %s output', (_language, line) => {
    expect(portInUseLine(`starting\n${line}\n`)).toBe(line);
  });

  it('rejects output that says nothing about the port', () => {
    expect(portInUseLine('Traceback: ModuleNotFoundError: No module named flask')).toBeUndefined();
  });
});
