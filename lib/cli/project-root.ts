/** The project root: the nearest folder up from cwd with a package.json, or cwd. */
import { existsSync } from 'fs';
import * as path from 'path';

export function projectRoot(from = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return path.resolve(from);
    dir = up;
  }
}
