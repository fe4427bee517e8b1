/**
 * Writes a JUnit XML file (junit-xml.ts) atomically (tmp file + rename), creating its folder.
 * The XML builder is loaded here, on first use: it costs a fifth of a second at every CLI start.
 * Rejects with the file system's error (the caller names the file and the reason).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { writeAtomically } from '../runner/write-atomically';
import type { JunitRun } from './junit-xml';

/** `suite`: the command (`drills rehearse`); `now`: the suite's timestamp. */
export async function writeJunitFile(file: string, suite: string, runs: readonly JunitRun[], now: Date): Promise<void> {
  const { junitXml } = await import('./junit-xml');
  const xml = junitXml(suite, runs, now.toISOString());
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeAtomically(file, xml);
}
