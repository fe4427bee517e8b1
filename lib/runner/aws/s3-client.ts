import { S3Client } from '@aws-sdk/client-s3';

/**
 * An S3 client from the SDK's default chain (credentials, region, `AWS_ENDPOINT_URL_S3`), with
 * path-style addressing (`<endpoint>/<bucket>/<key>`) when an endpoint is set in the environment:
 * S3-compatible stores and local fakes have no per-bucket host names. Adaptive retries as the
 * other clients (clients.ts).
 */
export function s3Client(options: { readonly region?: string; readonly env?: NodeJS.ProcessEnv } = {}): S3Client {
  const env = options.env ?? process.env;
  const endpointSet = Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL);
  return new S3Client({
    ...(options.region ? { region: options.region } : {}),
    retryMode: 'adaptive',
    maxAttempts: 8,
    forcePathStyle: endpointSet,
  });
}
