/** Tables fit the terminal's width without breaking words (`drills list`, the rehearse summary). */
import { catalogue } from '../../experiments';
import { listCommand } from '../../lib/cli/commands/list';
import { fitTable } from '../../lib/cli/fit-table';
import { recordingIoHost } from '../../lib/cli/recording-io-host';
import { summaryTable } from '../../lib/cli/reporter';
import { servicesMatrixTable } from '../../lib/cli/services-matrix';

const widest = (text: string): number =>
  Math.max(
    ...text
      .trimEnd()
      .split('\n')
      .map((l) => [...l].length),
  );
const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);

describe('fitTable', () => {
  it('leaves a table that fits as it is: columns two spaces apart, the last one not padded', () => {
    expect(
      fitTable(
        [
          ['ID', 'FAULT'],
          ['a', 'stop-task'],
        ],
        100,
      ),
    ).toBe('ID  FAULT\na   stop-task\n');
  });

  it('wraps the last column at spaces to fit the width, continuation lines under it', () => {
    const text = fitTable(
      [
        ['ID', 'HYPOTHESIS'],
        ['task', 'one two three four five six seven eight nine ten'],
      ],
      26,
    );
    expect(text).toBe('ID    HYPOTHESIS\ntask  one two three four\n      five six seven eight\n      nine ten\n');
    expect(widest(text)).toBeLessThanOrEqual(26);
  });

  it('keeps a word longer than the room whole instead of cutting it', () => {
    const long = 'arn:aws:fis:eu-west-1:111122223333:experiment/EXPabcdefghijklmnop';
    const text = fitTable(
      [
        ['ID', 'DETAIL'],
        ['x', `see ${long} now`],
      ],
      30,
    );
    expect(text.split('\n').map((l) => l.trim())).toContain(long);
  });
});

describe('drills list and the summary at a given width', () => {
  it.each([60, 80, 100])('lists the catalogue within %i columns, every word of each hypothesis intact', (columns) => {
    const io = recordingIoHost(columns);
    expect(listCommand({}, io)).toBe(0);
    const text = io.stdout.join('');
    expect(widest(text)).toBeLessThanOrEqual(columns);
    expect(words(text)).toEqual(expect.arrayContaining(catalogue.flatMap((d) => words(d.hypothesis))));
    expect(words(text).join(' ')).toContain(words(catalogue[0].hypothesis).join(' '));
  });

  it('fits the rehearse summary table to the width', () => {
    const run = {
      drill: 'task-stop-drain',
      verdict: 'HELD' as const,
      evidence: 'ev/task-stop-drain/r1',
      figures: { 'streams.total': 60, 'streams.clean': 60, 'streams.broken': 0, 'requests.total': 1200, 'requests.failed': 0, 'tasks.sigkilled': 0, 'recovery.seconds': 41 },
    };
    const table = summaryTable('HELD', [run], 'ev', 50).split('\n\n')[0];
    expect(widest(table)).toBeLessThanOrEqual(50);
    expect(table).toMatch(/^task-stop-drain {2}HELD {5}streams 60\/60 clean,/m);
    expect(words(table)).toEqual([...words('DRILL VERDICT KEY FIGURES task-stop-drain HELD'), ...words('streams 60/60 clean, 0 broken, requests 0/1200 failed, sigkilled 0, recovery 41 s')]);
  });

  it('turns the services × drills matrix on its side when it is wider than the terminal', () => {
    const services = [
      { name: 'checkout', kind: 'managed' as const, drills: ['task-stop-drain'] },
      { name: 'payments', kind: 'existing' as const, drills: catalogue.map((d) => d.id) },
    ];
    const wide = servicesMatrixTable(services, catalogue);
    expect(wide).toMatch(/^SERVICE +KIND +task-stop-drain +task-hard-kill/m);
    const turned = servicesMatrixTable(services, catalogue, 60);
    expect(widest(turned)).toBeLessThanOrEqual(60);
    expect(turned).toMatch(/^DRILL +checkout \(managed\) +payments \(existing\)$/m);
    expect(turned).toMatch(/^task-hard-kill +- +yes$/m);
  });
});
