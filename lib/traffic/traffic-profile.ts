/**
 * The traffic profile: what customers do to a service (DESIGN "Services and their traffic").
 * Declared once, here, with zod: validation messages (parse-traffic.ts), the TypeScript types
 * below and the published JSON Schema (`drills schema traffic`) all come from these schemas.
 * Every kind is optional; a kind the profile lacks is not sent, and expectations on its figures
 * are "not judged".
 */
import { z } from 'zod';

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const method = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).describe('HTTP method');

const path = z
  .string()
  .regex(/^\/\S*$/, { message: 'must start with "/" and hold no spaces, e.g. "/v1/chat/completions"' })
  .describe('path and query, sent to the service URL (the load balancer)');

const headers = z
  .record(z.string().regex(HEADER_NAME, { message: 'is not a valid HTTP header name' }), z.string())
  .describe('request headers; `${env:NAME}` is read from the environment at run time; values never reach the evidence');

const body = z
  .union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())])
  .describe('request body: an object or array is sent as JSON, a string as is; `${env:NAME}` in its strings is read at run time');

const statuses = z.array(z.number().int().min(100).max(599)).min(1).describe('statuses that count as success (default: any 2xx or 3xx)');

/** One HTTP call: the fields streams, requests and a job's submit share. */
const call = {
  method: method.optional(),
  path,
  headers: headers.optional(),
  body: body.optional(),
};

export const streamTrafficSchema = z
  .strictObject({
    ...call,
    format: z.enum(['sse', 'ndjson', 'raw']).optional().describe('how the response is framed: "sse" (default), "ndjson" or "raw" bytes'),
    done: z
      .string()
      .min(1)
      .optional()
      .describe(
        'payload that ends a stream cleanly (sse: a `data:` payload; ndjson: a line, or a JSON object whose fields a line carries; raw: how the body ends); absent: a complete 2xx response is clean',
      ),
    expectStatus: statuses.optional(),
    timeoutSeconds: z.number().positive().max(3600).optional().describe('give up on a stream after this long (default 150)'),
  })
  .describe('long responses that must end cleanly (completions, downloads, event feeds)');

export const requestTrafficSchema = z
  .strictObject({
    ...call,
    expectStatus: statuses.optional(),
    timeoutSeconds: z.number().positive().max(300).optional().describe('a request with no answer after this long failed (default 5)'),
  })
  .describe('short requests at the steady rate the drill sets');

export const jobTrafficSchema = z
  .strictObject({
    submit: z.strictObject(call).describe('the call that starts a job (method default POST)'),
    id: z.string().min(1).describe('field of the submit answer\'s JSON that holds the job id (dots for nested fields: "job.id")'),
    poll: z
      .strictObject({
        method: method.optional(),
        path: path.refine((p) => p.includes('{id}'), { message: 'must contain "{id}", where the job id goes, e.g. "/jobs/{id}"' }),
        headers: headers.optional(),
        intervalMs: z.number().int().min(50).max(60_000).optional().describe('time between polls (default 500)'),
      })
      .describe('the call that reads a job\'s state; "{id}" in the path is the job id'),
    state: z.string().min(1).describe("field of the poll answer's JSON that holds the state"),
    succeeded: z.array(z.string()).min(1).describe('states that mean the job completed'),
    failed: z.array(z.string()).optional().describe('states that mean the job failed (any state not listed keeps the probe polling)'),
    timeoutSeconds: z.number().positive().max(86_400).optional().describe('a job not ended after this long failed (default 150)'),
  })
  .describe('work submitted, then polled until it ends (a build, an export)');

export const trafficProfileSchema = z
  .strictObject({
    $schema: z.string().optional().describe('the JSON Schema this file follows (for editors)'),
    headers: headers.optional().describe("headers sent with every call of every kind (a kind's own headers win)"),
    streams: streamTrafficSchema.optional(),
    requests: requestTrafficSchema.optional(),
    jobs: jobTrafficSchema.optional(),
    taskHeader: z
      .string()
      .regex(HEADER_NAME, { message: 'is not a valid HTTP header name' })
      .optional()
      .describe('a response header the service sets naming the task that served it (on AWS, without it streams.brokenOffTarget is not judged)'),
  })
  .refine((t) => t.streams !== undefined || t.requests !== undefined || t.jobs !== undefined, {
    message: 'names no traffic: give at least one of "streams", "requests" or "jobs"',
  })
  .describe('fis-drills traffic profile: what customers do to the service');

export type TrafficProfile = z.infer<typeof trafficProfileSchema>;
export type StreamTraffic = z.infer<typeof streamTrafficSchema>;
export type RequestTraffic = z.infer<typeof requestTrafficSchema>;
export type JobTraffic = z.infer<typeof jobTrafficSchema>;
export type TrafficBody = NonNullable<StreamTraffic['body']>;
export type StreamFormat = NonNullable<StreamTraffic['format']>;
