import { promises as fs } from 'fs';

/** Writes `text` to `file` through a temporary file renamed over it, so a reader never sees half a file. Rejects when either step fails. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, text);
  await fs.rename(tmp, file);
}
