/**
 * Copies one run's evidence folder from S3 (`<root>/<drill>/<run-id>/`: journal.json, report.md,
 * report.html, the charts, junit.xml) into a local folder of the same layout, so a remote run
 * leaves on the laptop what a local run would (`drills run --remote`). ListObjectsV2 then one
 * GetObject per file (S3 API Reference); only files directly in the folder, names kept.
 */
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { promises as fs } from 'fs';
import * as path from 'path';
import { s3Key, type S3Location } from './s3-url';

/** At most this many ListObjectsV2 pages (1,000 keys each): a run folder holds a dozen files. */
const MAX_PAGES = 10;

/**
 * Downloads `<root>/<relative>/*` into `into` (created when missing); resolves with the names
 * written, sorted ([] when the folder is empty or missing). Rejects on an S3 error (no such
 * bucket, access denied) or a local write that fails.
 */
export async function fetchRunEvidence(client: S3Client, root: S3Location, relative: string, into: string): Promise<string[]> {
  const base = `${s3Key(root, relative)}/`;
  const keys: string[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await client.send(new ListObjectsV2Command({ Bucket: root.bucket, Prefix: base, ContinuationToken: token }));
    for (const o of answer.Contents ?? []) {
      const name = (o.Key ?? '').slice(base.length);
      if (name && !name.includes('/') && name !== '.' && name !== '..') keys.push(name);
    }
    token = answer.IsTruncated ? answer.NextContinuationToken : undefined;
    if (!token) break;
  }
  if (keys.length === 0) return [];
  await fs.mkdir(into, { recursive: true });
  for (const name of keys) {
    const answer = await client.send(new GetObjectCommand({ Bucket: root.bucket, Key: `${base}${name}` }));
    const bytes = answer.Body ? await answer.Body.transformToByteArray() : new Uint8Array();
    await fs.writeFile(path.join(into, name), bytes);
  }
  return keys.sort();
}
