import { FisClient, StartExperimentCommand } from '@aws-sdk/client-fis';
import { fisApi } from '../../../lib/runner/aws/fis-api';
import { withActionsMode } from '../../../lib/runner/aws/start-experiment-actions-mode';
import { scripted } from './scripted-http';

const OK = { status: 200, body: JSON.stringify({ experiment: { id: 'EXP1', state: { status: 'initiating' }, actions: {} } }) };

function client(handler: object) {
  return new FisClient({ region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, requestHandler: handler as never });
}

describe('StartExperiment actionsMode middleware', () => {
  it('adds experimentOptions.actionsMode skip-all to the request body', async () => {
    const { handler, requests } = scripted([OK]);
    await fisApi(client(handler)).startExperiment({ templateId: 'EXT1', clientToken: 'run-1', tags: { drill: 'd' }, actionsMode: 'skip-all' });
    expect(JSON.parse(requests[0].body ?? '{}')).toEqual({ clientToken: 'run-1', experimentTemplateId: 'EXT1', tags: { drill: 'd' }, experimentOptions: { actionsMode: 'skip-all' } });
  });

  it('sends a content length that matches the rewritten body', async () => {
    const { handler, requests } = scripted([OK]);
    const command = withActionsMode(new StartExperimentCommand({ experimentTemplateId: 'EXT1', clientToken: 'x' }), 'skip-all');
    await client(handler).send(command);
    const r = requests[0] as unknown as { body: string; headers: Record<string, string> };
    expect(Number(r.headers['content-length'])).toBe(Buffer.byteLength(r.body));
  });

  it('leaves a normal start without experimentOptions (client-fis 3.523.0 drops them)', async () => {
    const { handler, requests } = scripted([OK]);
    await fisApi(client(handler)).startExperiment({ templateId: 'EXT1', clientToken: 'run-1', tags: {} });
    expect(JSON.parse(requests[0].body ?? '{}').experimentOptions).toBeUndefined();
  });
});
