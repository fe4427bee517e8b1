import * as http from 'http';

/**
 * `node dist/healthcheck.js`: the container health check, run in exec form (no shell, no curl).
 * GETs http://127.0.0.1:$PORT$HEALTH_PATH and exits 0 on 200, 1 on anything else or after
 * HEALTHCHECK_TIMEOUT_MS (default 3000).
 */
const port = Number(process.env.PORT || 8080);
const path = process.env.HEALTH_PATH || '/healthz';
const timeoutMs = Number(process.env.HEALTHCHECK_TIMEOUT_MS || 3000);

const req = http.get({ host: '127.0.0.1', port, path, agent: false, timeout: timeoutMs }, (res) => {
  res.resume();
  process.exit(res.statusCode === 200 ? 0 : 1);
});
req.on('timeout', () => {
  process.stderr.write(`healthcheck: no answer from 127.0.0.1:${port}${path} within ${timeoutMs} ms\n`);
  process.exit(1);
});
req.on('error', (err) => {
  process.stderr.write(`healthcheck: ${err.message}\n`);
  process.exit(1);
});
