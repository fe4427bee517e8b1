/** The version of drills: `version` in the package.json of the package this file is part of. */
import { readFileSync } from 'fs';
import * as path from 'path';
import { projectRoot } from './project-root';

/** Read at each call (once per CLI start, for `--version`); `0.0.0-unknown` when no package.json can be read. */
export function packageVersion(from: string = __dirname): string {
  try {
    const parsed = JSON.parse(readFileSync(path.join(projectRoot(from), 'package.json'), 'utf8')) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : '0.0.0-unknown';
  } catch {
    return '0.0.0-unknown';
  }
}
