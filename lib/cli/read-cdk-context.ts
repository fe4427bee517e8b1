/** Reads cdk.json's `context` so a rehearsal uses the same config as the stack. */
import { readFileSync } from 'fs';
import * as path from 'path';
import type { ContextLookup } from '../config';

export function readCdkContext(projectRoot: string): ContextLookup {
  let context: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(readFileSync(path.join(projectRoot, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
    context = parsed.context ?? {};
  } catch {
    context = {};
  }
  return (key) => context[key];
}
