/**
 * A traffic profile ready to send: defaults applied, `${env:NAME}` read, bodies serialised.
 * Built by resolveTraffic; the probe takes only this shape. Never written to evidence (it holds
 * secrets); the evidence gets redactTraffic(profile) instead.
 */
export interface HttpCall {
  readonly method: string;
  /** Path and query, relative to the service URL. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The body as sent, or undefined for none. */
  readonly body?: string;
}

export interface ResolvedStreams extends HttpCall {
  readonly format: 'sse' | 'ndjson' | 'raw';
  readonly done?: string;
  /** Statuses that count as success; undefined: any 2xx. */
  readonly expectStatus?: readonly number[];
  readonly timeoutMs: number;
}

export interface ResolvedRequests extends HttpCall {
  /** undefined: any 2xx or 3xx. */
  readonly expectStatus?: readonly number[];
  readonly timeoutMs: number;
}

export interface ResolvedJobs {
  readonly submit: HttpCall;
  readonly idField: string;
  /** `{id}` in path is replaced by the job id. */
  readonly poll: HttpCall & { readonly intervalMs: number };
  readonly stateField: string;
  readonly succeeded: readonly string[];
  readonly failed: readonly string[];
  readonly timeoutMs: number;
}

export interface ResolvedTraffic {
  readonly streams?: ResolvedStreams;
  readonly requests?: ResolvedRequests;
  readonly jobs?: ResolvedJobs;
  readonly taskHeader?: string;
  /** Every value read from the environment, to scrub from anything written. */
  readonly secrets: readonly string[];
}
