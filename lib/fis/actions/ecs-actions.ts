/** Amazon ECS actions (FIS actions reference, "Amazon ECS actions"; fis-facts §1). */
import { at, dur, opt, req, UP_TO_12H, type FisActionSpec } from './fis-action-spec';

const TASK = { targetType: 'aws:ecs:task', targetKey: 'Tasks' } as const;
const IN_TASK = { ...TASK, needsSidecar: true } as const;
const NETWORK = [opt('installDependencies'), opt('useEcsFaultInjectionEndpoints')];

export const ECS_ACTIONS: Readonly<Record<string, FisActionSpec>> = {
  'aws:ecs:drain-container-instances': {
    targetType: 'aws:ecs:cluster',
    targetKey: 'Clusters',
    source: at('drain-container-instances'),
    parameters: [req('drainagePercentage'), dur('duration')],
  },
  'aws:ecs:stop-task': { ...TASK, source: at('stop-task'), parameters: [] },
  'aws:ecs:task-cpu-stress': {
    ...IN_TASK,
    source: at('task-cpu-stress'),
    parameters: [dur('duration', UP_TO_12H), opt('percent'), opt('workers'), opt('installDependencies')],
  },
  'aws:ecs:task-io-stress': {
    ...IN_TASK,
    source: at('task-io-stress'),
    parameters: [dur('duration', UP_TO_12H), opt('percent'), opt('workers'), opt('installDependencies')],
  },
  'aws:ecs:task-kill-process': {
    ...IN_TASK,
    needsPidModeTask: true,
    source: at('task-kill-process'),
    parameters: [req('processName'), opt('signal'), opt('installDependencies')],
  },
  'aws:ecs:task-network-blackhole-port': {
    ...IN_TASK,
    needsPidModeTask: true,
    source: at('task-network-blackhole-port'),
    parameters: [dur('duration', UP_TO_12H), req('port'), req('trafficType'), opt('protocol'), ...NETWORK],
  },
  'aws:ecs:task-network-latency': {
    ...IN_TASK,
    needsPidModeTask: true,
    source: at('task-network-latency'),
    parameters: [dur('duration', UP_TO_12H), opt('delayMilliseconds'), opt('jitterMilliseconds'), opt('flowsPercent'), opt('sources'), ...NETWORK],
  },
  'aws:ecs:task-network-packet-loss': {
    ...IN_TASK,
    needsPidModeTask: true,
    source: at('task-network-packet-loss'),
    parameters: [dur('duration', UP_TO_12H), opt('lossPercent'), opt('flowsPercent'), opt('sources'), ...NETWORK],
  },
};
