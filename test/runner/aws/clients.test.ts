import { GetExperimentCommand } from '@aws-sdk/client-fis';
import { createClients, destroyClients } from '../../../lib/runner/aws/clients';
import { fisApi } from '../../../lib/runner/aws/fis-api';
import { scripted } from './scripted-http';

const OK = { status: 200, body: JSON.stringify({ experiment: { id: 'EXP1', state: { status: 'running' }, actions: {} } }) };
const THROTTLED = { status: 429, headers: { 'x-amzn-errortype': 'ThrottlingException' }, body: JSON.stringify({ message: 'Rate exceeded' }) };

describe('createClients', () => {
  const env = { ...process.env };
  beforeEach(() => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
  });
  afterEach(() => {
    process.env = { ...env };
  });

  it('uses the adaptive retry mode', async () => {
    const clients = createClients({ region: 'eu-west-1' });
    expect(((await clients.fis.config.retryStrategy()) as { mode?: string }).mode).toBe('adaptive');
    expect(((await clients.cloudwatch.config.retryStrategy()) as { mode?: string }).mode).toBe('adaptive');
    expect(((await clients.ecs.config.retryStrategy()) as { mode?: string }).mode).toBe('adaptive');
    destroyClients(clients);
  });

  it('retries a throttled FIS call until it succeeds', async () => {
    const { handler, requests } = scripted([THROTTLED, THROTTLED, OK]);
    const clients = createClients({ region: 'eu-west-1', requestHandler: handler });
    const view = await fisApi(clients.fis).getExperiment('EXP1');
    expect(view.status).toBe('running');
    expect(requests).toHaveLength(3);
    expect(requests[0]).toMatchObject({ method: 'GET', path: '/experiments/EXP1' });
  });

  it('fails with the throttling error once the attempts are used up', async () => {
    const { handler, requests } = scripted([THROTTLED]);
    const clients = createClients({ region: 'eu-west-1', requestHandler: handler, maxAttempts: 2 });
    await expect(clients.fis.send(new GetExperimentCommand({ id: 'EXP1' }))).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(requests).toHaveLength(2);
  });

  it('takes endpoints from AWS_ENDPOINT_URL_<SERVICE>, never from code', async () => {
    process.env.AWS_ENDPOINT_URL_FIS = 'http://127.0.0.1:4599';
    const { handler, requests } = scripted([OK]);
    const clients = createClients({ region: 'eu-west-1', requestHandler: handler });
    await fisApi(clients.fis).getExperiment('EXP1');
    expect(requests[0]).toMatchObject({ hostname: '127.0.0.1', port: 4599 });
  });
});
