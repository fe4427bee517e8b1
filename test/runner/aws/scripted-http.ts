import { Readable } from 'stream';

/** An HTTP layer that answers from a list, recording each request. */
export function scripted(responses: { status: number; headers?: Record<string, string>; body: string }[]) {
  const requests: { method: string; path: string; hostname?: string; port?: number; body?: string; headers?: Record<string, string> }[] = [];
  const handler = {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: { method: string; path: string; hostname?: string; port?: number; body?: string }) {
      requests.push({
        method: request.method,
        path: request.path,
        hostname: request.hostname,
        port: request.port,
        body: request.body,
        headers: (request as { headers?: Record<string, string> }).headers,
      });
      const r = responses[Math.min(requests.length - 1, responses.length - 1)];
      return { response: { statusCode: r.status, headers: { 'content-type': 'application/json', ...r.headers }, body: Readable.from([Buffer.from(r.body)]) } };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
  return { handler, requests };
}
