import * as fs from 'fs';
import { parseTraffic } from './parse-traffic';
import { TrafficError } from './traffic-error';
import type { TrafficProfile } from './traffic-profile';

/**
 * Reads and validates a traffic profile file (JSON; `--traffic <file>`). Throws TrafficError
 * when it cannot be read, is not JSON, or does not follow the schema.
 */
export function readTrafficFile(file: string): TrafficProfile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new TrafficError([`cannot read it: ${(e as Error).message}; give the path of a JSON traffic profile`], file);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new TrafficError([`is not JSON: ${(e as Error).message}; fix the syntax (a missing comma, brace or quote) and run again`], file);
  }
  return parseTraffic(json, file);
}
