import type { StartExperimentCommand } from '@aws-sdk/client-fis';

/** StartExperiment's `experimentOptions.actionsMode`: `skip-all` previews targets and injects nothing. */
export type ActionsMode = 'run-all' | 'skip-all';

export const ACTIONS_MODE_MIDDLEWARE = 'fisDrillsActionsMode';

/**
 * `@aws-sdk/client-fis` 3.523.0 predates `experimentOptions` on StartExperiment and drops it
 * from the request body. This adds it back to the serialized JSON body of one command, before
 * the content length is computed and the request is signed.
 */
export function withActionsMode(command: StartExperimentCommand, mode: ActionsMode): StartExperimentCommand {
  command.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { body?: unknown; headers?: Record<string, string> };
      if (typeof request.body === 'string') {
        const body = JSON.parse(request.body || '{}') as Record<string, unknown>;
        body.experimentOptions = { ...(body.experimentOptions as object | undefined), actionsMode: mode };
        request.body = JSON.stringify(body);
        if (request.headers) {
          for (const key of Object.keys(request.headers)) if (key.toLowerCase() === 'content-length') delete request.headers[key];
        }
      }
      return next(args);
    },
    { step: 'build', priority: 'high', name: ACTIONS_MODE_MIDDLEWARE },
  );
  return command;
}
