/**
 * The evidence root as a local directory: `<root>/<drill>/<run-id>/…`, every file written
 * atomically (a temporary file renamed over the old one), folders created on first write.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import type { EvidenceFolder, EvidenceStore, StoredJournal } from './evidence-store';
import { writeAtomically } from './write-atomically';

/** Local writes are cheap: the journal may be rewritten 5 times a second. */
const LOCAL_JOURNAL_EVERY_MS = 200;

export function localEvidenceFolder(dir: string): EvidenceFolder {
  let made: Promise<unknown> | undefined;
  return {
    location: dir,
    journalEveryMs: LOCAL_JOURNAL_EVERY_MS,
    locationOf: (name) => path.join(dir, name),
    write: async (name, text) => {
      made ??= fs.mkdir(dir, { recursive: true });
      await made;
      await writeAtomically(path.join(dir, name), text);
    },
    read: (name) =>
      fs.readFile(path.join(dir, name), 'utf8').catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return undefined;
        throw e;
      }),
  };
}

async function subdirs(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw e;
  });
  return entries
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export function localEvidenceStore(root: string): EvidenceStore {
  return {
    root,
    remote: false,
    folder: (drill, runId) => localEvidenceFolder(path.join(root, drill, runId)),
    journals: async () => {
      const found: StoredJournal[] = [];
      for (const drill of await subdirs(root)) {
        for (const run of await subdirs(path.join(root, drill))) {
          const file = path.join(root, drill, run, 'journal.json');
          const exists = await fs.stat(file).then(
            (s) => s.isFile(),
            () => false,
          );
          // a folder without a journal is not a run
          if (exists) found.push({ relative: path.join(drill, run), location: file, read: () => fs.readFile(file, 'utf8') });
        }
      }
      return found;
    },
    createAtRoot: async (name, text) => {
      const file = path.join(root, name);
      await fs.mkdir(path.dirname(file), { recursive: true });
      return fs.writeFile(file, text, { flag: 'wx' }).then(
        () => true,
        (e: NodeJS.ErrnoException) => {
          if (e.code === 'EEXIST') return false;
          throw e;
        },
      );
    },
    readAtRoot: (name) => localEvidenceFolder(root).read(name),
    removeAtRoot: (name) => fs.rm(path.join(root, name), { force: true }),
    writeAtRoot: async (name, text) => {
      await fs.mkdir(root, { recursive: true });
      const file = path.join(root, name);
      await writeAtomically(file, text);
      return file;
    },
  };
}
