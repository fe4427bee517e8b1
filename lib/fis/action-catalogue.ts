/**
 * The FIS actions this project knows, as data (fis-facts §1, §3): target type, and the
 * parameters each takes. Every parameter value is a string in a template.
 */
export interface FisActionParameter {
  readonly name: string;
  readonly required: boolean;
}

export interface FisActionSpec {
  readonly targetType: string;
  readonly parameters: readonly FisActionParameter[];
  /** Runs an SSM document through the task's SSM agent sidecar (needs the sidecar, its roles, ECS Exec off). */
  readonly needsSidecar?: boolean;
  /** Needs `pidMode: task` on the task definition. */
  readonly needsPidModeTask?: boolean;
}

const req = (name: string): FisActionParameter => ({ name, required: true });
const opt = (name: string): FisActionParameter => ({ name, required: false });

const NETWORK_TASK_PARAMETERS = [opt('installDependencies'), opt('useEcsFaultInjectionEndpoints')];

export const FIS_ACTIONS: Readonly<Record<string, FisActionSpec>> = {
  'aws:ecs:drain-container-instances': { targetType: 'aws:ecs:cluster', parameters: [req('drainagePercentage'), req('duration')] },
  'aws:ecs:stop-task': { targetType: 'aws:ecs:task', parameters: [] },
  'aws:ecs:task-cpu-stress': {
    targetType: 'aws:ecs:task',
    parameters: [req('duration'), opt('percent'), opt('workers'), opt('installDependencies')],
    needsSidecar: true,
  },
  'aws:ecs:task-io-stress': {
    targetType: 'aws:ecs:task',
    parameters: [req('duration'), opt('percent'), opt('workers'), opt('installDependencies')],
    needsSidecar: true,
  },
  'aws:ecs:task-kill-process': {
    targetType: 'aws:ecs:task',
    parameters: [req('processName'), opt('signal'), opt('installDependencies')],
    needsSidecar: true,
    needsPidModeTask: true,
  },
  'aws:ecs:task-network-blackhole-port': {
    targetType: 'aws:ecs:task',
    parameters: [req('duration'), req('port'), req('trafficType'), opt('protocol'), ...NETWORK_TASK_PARAMETERS],
    needsSidecar: true,
    needsPidModeTask: true,
  },
  'aws:ecs:task-network-latency': {
    targetType: 'aws:ecs:task',
    parameters: [req('duration'), opt('delayMilliseconds'), opt('jitterMilliseconds'), opt('flowsPercent'), opt('sources'), ...NETWORK_TASK_PARAMETERS],
    needsSidecar: true,
    needsPidModeTask: true,
  },
  'aws:ecs:task-network-packet-loss': {
    targetType: 'aws:ecs:task',
    parameters: [req('duration'), opt('lossPercent'), opt('flowsPercent'), opt('sources'), ...NETWORK_TASK_PARAMETERS],
    needsSidecar: true,
    needsPidModeTask: true,
  },
  // No resource type: these run once per experiment, not on targets (FIS actions reference,
  // fis-actions-reference.html, "Amazon CloudWatch actions", "Wait action", "Systems Manager actions").
  'aws:cloudwatch:assert-alarm-state': { targetType: 'none', parameters: [req('alarmArns'), req('alarmStates')] },
  'aws:fis:wait': { targetType: 'none', parameters: [req('duration')] },
  'aws:ssm:start-automation-execution': {
    targetType: 'none',
    parameters: [req('documentArn'), opt('documentVersion'), opt('documentParameters'), req('maxDuration')],
  },
  'aws:network:disrupt-connectivity': {
    targetType: 'aws:ec2:subnet',
    parameters: [req('duration'), opt('scope'), opt('prefixListIdentifier')],
  },
};

export type FisActionId = keyof typeof FIS_ACTIONS;
