/**
 * `services.log` of a rehearsal whose evidence root is remote (S3): the service processes write it
 * on this machine while the drill runs (a local folder under the OS temp dir), and it goes into the
 * run's folder at the end, then the local copy is removed. With a local root it is written in the
 * run's folder directly, as before.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { EvidenceStore } from '../runner/evidence-store';

export const remoteServiceLog = {
  /** Where the service log is written while the run goes. */
  dir(store: EvidenceStore, outRoot: string, drill: string, runId: string): string {
    return store.remote ? path.join(os.tmpdir(), 'drills-services', drill, runId) : path.join(outRoot, drill, runId);
  },
  /** With a remote root: copies the log into the run's folder and removes the local one. Never rejects; a failure is returned as text. */
  async keep(store: EvidenceStore, drill: string, runId: string, file: string): Promise<string | undefined> {
    if (!store.remote) return undefined;
    try {
      const text = await fs.readFile(file, 'utf8').catch(() => undefined);
      if (text !== undefined) await store.folder(drill, runId).write(path.basename(file), text);
      await fs.rm(path.dirname(file), { recursive: true, force: true });
      return undefined;
    } catch (e) {
      return `could not keep ${file} in ${store.folder(drill, runId).location}: ${e instanceof Error ? e.message : String(e)}`;
    }
  },
};
