/** services.log: the service processes' output kept as evidence, not shown. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { serviceLog } from '../../lib/cli/service-log';

describe('serviceLog', () => {
  let dir = '';
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'service-log-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes each line to services.log in a run folder it creates on the first line', async () => {
    const runDir = path.join(dir, 'task-stop-drain', 'run-1');
    const log = serviceLog(runDir);
    expect(fs.existsSync(runDir)).toBe(false);
    log.write('[t1-zone-a] {"event":"started"}');
    log.write('[t2-zone-b] {"event":"started"}');
    await log.close();
    expect(log.file).toBe(path.join(runDir, 'services.log'));
    expect(fs.readFileSync(log.file, 'utf8')).toBe('[t1-zone-a] {"event":"started"}\n[t2-zone-b] {"event":"started"}\n');
  });

  it('creates no file when the services wrote nothing', async () => {
    const log = serviceLog(path.join(dir, 'quiet'));
    await log.close();
    expect(fs.existsSync(log.file)).toBe(false);
  });

  it('keeps the last ten lines for the message shown when the service does not come up', async () => {
    const log = serviceLog(dir);
    for (let i = 1; i <= 25; i += 1) log.write(`line ${i}`);
    await log.close();
    expect(log.tail()).toEqual(Array.from({ length: 10 }, (_, i) => `line ${i + 16}`));
    expect(fs.readFileSync(log.file, 'utf8').split('\n')).toHaveLength(26);
  });
});
