/**
 * The evidence root in S3 (`--out s3://bucket/prefix`): the same folder layout as on disk,
 * `<prefix>/<drill>/<run-id>/journal.json`, report.md, report.html, the charts and junit.xml.
 * One PutObject per file: S3 replaces an object whole, so a reader sees the old journal or the
 * new one, never a part (S3 User Guide, "Amazon S3 data consistency model"). The journal is
 * rewritten at most every 2 s while the run goes (each write is a request; a killed task keeps
 * what it saw up to its last write). Clients: s3-client.ts.
 */
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { EvidenceFolder, EvidenceStore, StoredJournal } from '../evidence-store';
import { s3Key, s3Url, type S3Location } from './s3-url';

/** Shortest pause between two journal writes to S3, in ms. */
export const S3_JOURNAL_EVERY_MS = 2000;
/** At most this many ListObjectsV2 pages (1,000 keys each) are read for a history. */
const MAX_LIST_PAGES = 100;

const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  svg: 'image/svg+xml',
  xml: 'application/xml',
};

function contentType(name: string): string {
  return CONTENT_TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'text/plain; charset=utf-8';
}

function isMissing(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === 'NoSuchKey' || err?.name === 'NotFound' || err?.$metadata?.httpStatusCode === 404;
}

async function putText(client: S3Client, bucket: string, key: string, text: string): Promise<void> {
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text, ContentType: contentType(key) }));
}

async function getText(client: S3Client, bucket: string, key: string): Promise<string | undefined> {
  try {
    const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return answer.Body ? await answer.Body.transformToString('utf8') : '';
  } catch (e) {
    if (isMissing(e)) return undefined;
    throw e;
  }
}

function folder(client: S3Client, location: S3Location, relative: string): EvidenceFolder {
  const key = (name: string) => s3Key(location, `${relative}/${name}`);
  return {
    location: s3Url(location, relative),
    journalEveryMs: S3_JOURNAL_EVERY_MS,
    locationOf: (name) => s3Url(location, `${relative}/${name}`),
    write: (name, text) => putText(client, location.bucket, key(name), text),
    read: (name) => getText(client, location.bucket, key(name)),
  };
}

/** Every `<drill>/<run>/journal.json` key under the prefix, relative to it, sorted. Rejects on an S3 error (no such bucket, access denied). */
async function listJournals(client: S3Client, location: S3Location): Promise<string[]> {
  const base = location.prefix ? `${location.prefix}/` : '';
  const found: string[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const answer = await client.send(new ListObjectsV2Command({ Bucket: location.bucket, Prefix: base, ContinuationToken: token }));
    for (const o of answer.Contents ?? []) {
      const relative = (o.Key ?? '').slice(base.length);
      if (/^[^/]+\/[^/]+\/journal\.json$/.test(relative)) found.push(relative.slice(0, -'/journal.json'.length));
    }
    token = answer.IsTruncated ? answer.NextContinuationToken : undefined;
    if (!token) break;
  }
  return found.sort();
}

export function s3EvidenceStore(client: S3Client, location: S3Location): EvidenceStore {
  return {
    root: s3Url(location),
    remote: true,
    folder: (drill, runId) => folder(client, location, `${drill}/${runId}`),
    journals: async () =>
      (await listJournals(client, location)).map((relative): StoredJournal => ({
        relative,
        location: s3Url(location, `${relative}/journal.json`),
        read: async () => (await getText(client, location.bucket, s3Key(location, `${relative}/journal.json`))) ?? '',
      })),
    // If-None-Match: * makes S3 refuse (412) a PutObject when the key exists, in one step
    // (S3 User Guide, "Conditional writes").
    createAtRoot: async (name, text) => {
      try {
        await client.send(new PutObjectCommand({ Bucket: location.bucket, Key: s3Key(location, name), Body: text, ContentType: contentType(name), IfNoneMatch: '*' }));
        return true;
      } catch (e) {
        const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (err.name === 'PreconditionFailed' || err.$metadata?.httpStatusCode === 412) return false;
        throw e;
      }
    },
    readAtRoot: (name) => getText(client, location.bucket, s3Key(location, name)),
    removeAtRoot: async (name) => void (await client.send(new DeleteObjectCommand({ Bucket: location.bucket, Key: s3Key(location, name) }))),
    writeAtRoot: async (name, text) => {
      await putText(client, location.bucket, s3Key(location, name), text);
      return s3Url(location, name);
    },
  };
}
