import type { TrafficProfile } from './traffic-profile';

/** One demo stream: the first event after ttftMs, then `tokens` events intervalMs apart (about 5.3 s). */
export const DEMO_STREAM = { tokens: 25, intervalMs: 200, ttftMs: 300 } as const;

/**
 * The demo service's traffic (`service/`), the default `service.traffic`: SSE streams of 25
 * events 200 ms apart after 300 ms (about 5 s each), `GET /` as the short request, and a 4 s job
 * submitted to `/v1/jobs` and polled (a job whose task died reads as `lost`). Written in the same shape a user's profile is: nothing
 * about the demo is known to the probe.
 */
export const DEMO_TRAFFIC: TrafficProfile = {
  streams: {
    method: 'GET',
    path: `/v1/stream?tokens=${DEMO_STREAM.tokens}&intervalMs=${DEMO_STREAM.intervalMs}&ttftMs=${DEMO_STREAM.ttftMs}`,
    format: 'sse',
    done: '[DONE]',
  },
  requests: { method: 'GET', path: '/' },
  jobs: {
    submit: { method: 'POST', path: '/v1/jobs', body: { seconds: 4 } },
    id: 'id',
    poll: { path: '/v1/jobs/{id}', intervalMs: 250 },
    state: 'state',
    succeeded: ['done'],
    failed: ['failed', 'lost'],
  },
};
