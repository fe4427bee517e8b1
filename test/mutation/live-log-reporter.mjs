/**
 * A StrykerJS reporter (npm run mutate) that appends each tested mutant to
 * reports/mutation/live.ndjson as it is tested — status, file, line, mutator, replacement — so a
 * long run on a loaded machine can be read (and its survivors worked on) before it ends, and a
 * run stopped early still leaves what it measured. Stryker's own JSON and HTML reports are
 * written only at the end.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { declareClassPlugin, PluginKind } from '@stryker-mutator/api/plugin';

const FILE = 'reports/mutation/live.ndjson';

class LiveLogReporter {
  constructor() {
    mkdirSync(dirname(FILE), { recursive: true });
    writeFileSync(FILE, '');
  }

  onMutantTested(m) {
    const line = { status: m.status, file: m.fileName, line: m.location.start.line, column: m.location.start.column, mutator: m.mutatorName, replacement: m.replacement, id: m.id };
    appendFileSync(FILE, `${JSON.stringify(line)}\n`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'live-log', LiveLogReporter)];
