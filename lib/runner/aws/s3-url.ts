/**
 * `s3://bucket/prefix` as the evidence root. The bucket follows S3's general-purpose bucket naming
 * rules (3–63 characters: lower-case letters, digits, dots, hyphens; starts and ends with a letter
 * or digit; S3 User Guide, bucketnamingrules.html); the prefix is kept without slashes at either end.
 */
export interface S3Location {
  readonly bucket: string;
  /** '' for the bucket's root, else without leading or trailing slash. */
  readonly prefix: string;
}

/** Thrown for an `s3://` URL that cannot be an evidence root; the message names the value and the form expected. */
export class S3UrlError extends Error {}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function isS3Url(value: string): boolean {
  return value.startsWith('s3://');
}

export function parseS3Url(value: string): S3Location {
  const rest = value.slice('s3://'.length);
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const prefix = slash < 0 ? '' : rest.slice(slash + 1).replace(/^\/+|\/+$/g, '');
  if (!isS3Url(value) || !BUCKET.test(bucket) || bucket.includes('..')) {
    throw new S3UrlError(`'${value}' is not an S3 evidence root: expected s3://<bucket>/<prefix>, the bucket 3-63 lower-case letters, digits, dots or hyphens`);
  }
  return { bucket, prefix };
}

/** The key of `relative` under the location's prefix (`prefix/relative`, or `relative` at the root). */
export function s3Key(location: S3Location, relative: string): string {
  return location.prefix ? `${location.prefix}/${relative}` : relative;
}

export function s3Url(location: S3Location, relative = ''): string {
  const key = relative ? s3Key(location, relative) : location.prefix;
  return `s3://${location.bucket}${key ? `/${key}` : ''}`;
}
