/**
 * `--out <dir | s3://bucket/prefix>` as an evidence store: a local folder, or S3 (path-style when
 * `AWS_ENDPOINT_URL_S3` is set). `close` releases the S3 client's sockets.
 */
import type { EvidenceStore } from '../runner/evidence-store';
import { localEvidenceStore } from '../runner/local-evidence';
import { s3Client } from '../runner/aws/s3-client';
import { s3EvidenceStore } from '../runner/aws/s3-evidence';
import { isS3Url, parseS3Url, S3UrlError } from '../runner/aws/s3-url';

export interface EvidenceTarget {
  readonly store: EvidenceStore;
  close(): void;
}

/** The store for `out`; `{ usage }` with the reason for an `s3://` URL that is not a bucket and prefix. */
export function openEvidenceTarget(out: string, options: { readonly region?: string } = {}): EvidenceTarget | { readonly usage: string } {
  if (!isS3Url(out)) return { store: localEvidenceStore(out), close: () => undefined };
  try {
    const location = parseS3Url(out);
    const client = s3Client({ region: options.region });
    return { store: s3EvidenceStore(client, location), close: () => client.destroy() };
  } catch (e) {
    if (e instanceof S3UrlError) return { usage: `--out: ${e.message}` };
    throw e;
  }
}
