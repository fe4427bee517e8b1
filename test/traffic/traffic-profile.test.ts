import { DEMO_TRAFFIC, parseTraffic, redactTraffic, resolveTraffic, scrubSecrets, TrafficError, trafficJsonSchema } from '../../lib/traffic';
import { schemaCommand } from '../../lib/cli/commands/schema';
import { recordingIoHost } from '../../lib/cli/recording-io-host';

const chat = {
  headers: { authorization: 'Bearer ${env:API_TOKEN}' },
  streams: { method: 'POST', path: '/v1/chat/completions', body: { model: 'auto', stream: true, user: '${env:USER_ID}' }, done: '[DONE]' },
};

const problemsOf = (value: unknown): string[] => {
  try {
    parseTraffic(value, 'traffic.json');
  } catch (e) {
    if (e instanceof TrafficError) return [...e.problems];
    throw e;
  }
  throw new Error('parseTraffic accepted an invalid profile');
};

describe('the traffic profile', () => {
  it('accepts the demo profile and an OpenAI-style streaming profile', () => {
    expect(parseTraffic(DEMO_TRAFFIC, 'demo')).toEqual(DEMO_TRAFFIC);
    expect(parseTraffic(chat, 'chat').streams?.method).toBe('POST');
  });

  it('rejects every problem at once, naming the key, what is wrong and the value received', () => {
    const problems = problemsOf({ streams: { path: 'v1/chat', format: 'sse2' }, jobs: { submit: { path: '/jobs' }, id: 'id', poll: { path: '/jobs' }, state: 'state', succeeded: [] }, extra: 1 });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^streams\.path: must start with "\/".*; got "v1\/chat"$/),
        expect.stringMatching(/^streams\.format: .*"sse"\|"ndjson"\|"raw"; got "sse2"$/),
        expect.stringMatching(/^jobs\.poll\.path: must contain "\{id\}"/),
        expect.stringMatching(/^jobs\.succeeded: /),
        expect.stringMatching(/^\(the profile\): Unrecognized key: "extra"/),
      ]),
    );
  });

  it('rejects a mistyped key with the key it most likely meant and the keys known there', () => {
    expect(problemsOf({ streams: { path: '/v1/stream', methd: 'POST' } })).toEqual([
      expect.stringMatching(/^streams: Unrecognized key: "methd"; did you mean "method"\? known here: method, path, .*done.*$/),
    ]);
    expect(problemsOf({ requests: { path: '/' }, zzz: 1 })).toEqual([expect.stringMatching(/^\(the profile\): Unrecognized key: "zzz"; known here: headers, streams, requests, jobs, taskHeader$/)]);
  });

  it('rejects a missing required key as missing, not as "received undefined"', () => {
    expect(problemsOf({ requests: { expectStatus: [200] } })).toEqual(['requests.path: missing: give a string (it is required)']);
  });

  it('ends the error with where to find every key the profile takes', () => {
    expect(() => parseTraffic({ requests: {} }, 'traffic.json')).toThrow(
      /traffic profile \(traffic.json\) has 1 problem\(s\):\n {2}- requests.path: missing[^\n]*\n {2}\(`drills schema traffic` prints every key it takes; docs\/your-service.md has examples\)$/,
    );
  });

  it('rejects a profile with no traffic in it', () => {
    expect(problemsOf({ taskHeader: 'x-task-id' })).toEqual(['(the profile): names no traffic: give at least one of "streams", "requests" or "jobs"']);
  });

  it('never echoes a header value in a problem', () => {
    expect(problemsOf({ headers: { authorization: 42 }, requests: { path: '/' } }).join('\n')).not.toContain('42');
  });

  it('reads ${env:NAME} in headers and bodies at run time, serialises an object body as JSON, and lists the secrets', () => {
    const resolved = resolveTraffic(parseTraffic(chat, 'chat'), { API_TOKEN: 'sk-123456', USER_ID: 'u-9' }, 'chat');
    expect(resolved.streams).toMatchObject({ method: 'POST', format: 'sse', headers: { authorization: 'Bearer sk-123456', 'content-type': 'application/json' }, timeoutMs: 150_000 });
    expect(JSON.parse(resolved.streams?.body as string)).toEqual({ model: 'auto', stream: true, user: 'u-9' });
    expect([...resolved.secrets].sort()).toEqual(['sk-123456', 'u-9']);
  });

  it('rejects a missing environment variable, naming each one', () => {
    expect(() => resolveTraffic(parseTraffic(chat, 'chat'), { USER_ID: '' }, 'chat.json')).toThrow(
      /\$\{env:API_TOKEN\} is used but the environment variable API_TOKEN is not set[\s\S]*\$\{env:USER_ID\}/,
    );
  });

  it('redacts every header value for the evidence and scrubs secrets from text', () => {
    const redacted = redactTraffic(parseTraffic(chat, 'chat'));
    expect(redacted.headers).toEqual({ authorization: '<redacted>' });
    expect(JSON.stringify(redacted)).not.toContain('Bearer');
    expect(scrubSecrets('got sk-123456 back', ['sk-123456'])).toBe('got <redacted> back');
  });

  it('publishes a JSON Schema generated from the same declaration, and `drills schema traffic` prints it', () => {
    const schema = trafficJsonSchema() as { properties: Record<string, { properties?: Record<string, unknown> }>; $id: string };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['streams', 'requests', 'jobs', 'taskHeader', 'headers']));
    expect(schema.properties.streams.properties).toHaveProperty('done');
    const io = recordingIoHost();
    const out = io.stdout;
    expect(schemaCommand('traffic', io)).toBe(0);
    expect(JSON.parse(out.join(''))).toEqual(schema);
  });

  it('rejects an unknown schema name with exit 2', () => {
    const io = recordingIoHost();
    const err = io.stderr;
    expect(schemaCommand('drills', io)).toBe(2);
    expect(err.join('')).toMatch(/no schema 'drills' \(known: traffic, journal\)/);
  });
});
