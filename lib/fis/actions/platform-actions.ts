/**
 * Actions on the AWS control plane and on no target: FIS API faults, wait, CloudWatch, Systems
 * Manager and Lambda (FIS actions reference: "Fault injection actions", "Wait action",
 * "Amazon CloudWatch actions", "Systems Manager actions", "AWS Lambda actions").
 */
import { at, dur, opt, req, type FisActionParameter, type FisActionSpec } from './fis-action-spec';

const API_FAULT: FisActionParameter[] = [dur('duration'), req('service'), req('percentage'), req('operations')];
const ROLES = { targetType: 'aws:iam:role', targetKey: 'Roles' } as const;
const FUNCTIONS = { targetType: 'aws:lambda:function', targetKey: 'Functions' } as const;
const INVOCATIONS = [dur('duration'), opt('invocationPercentage')];

export const PLATFORM_ACTIONS: Readonly<Record<string, FisActionSpec>> = {
  'aws:fis:inject-api-internal-error': { ...ROLES, source: at('inject-api-internal-error'), parameters: API_FAULT },
  'aws:fis:inject-api-throttle-error': { ...ROLES, source: at('inject-api-throttle-error'), parameters: API_FAULT },
  'aws:fis:inject-api-unavailable-error': { ...ROLES, source: at('inject-api-unavailable-error'), parameters: API_FAULT },
  'aws:fis:wait': { targetType: 'none', source: at('wait'), parameters: [dur('duration')] },
  'aws:cloudwatch:assert-alarm-state': { targetType: 'none', source: at('assert-alarm-state'), parameters: [req('alarmArns'), req('alarmStates')] },
  'aws:ssm:send-command': {
    targetType: 'aws:ec2:instance',
    targetKey: 'Instances',
    source: at('ssm-send-command'),
    parameters: [req('documentArn'), opt('documentVersion'), opt('documentParameters'), dur('duration')],
  },
  'aws:ssm:start-automation-execution': {
    targetType: 'none',
    source: at('ssm-start-automation-execution'),
    parameters: [req('documentArn'), opt('documentVersion'), opt('documentParameters'), dur('maxDuration')],
  },
  'aws:lambda:invocation-add-delay': { ...FUNCTIONS, source: at('invocation-add-delay'), parameters: [...INVOCATIONS, opt('startupDelayMilliseconds')] },
  'aws:lambda:invocation-error': { ...FUNCTIONS, source: at('invocation-error'), parameters: [...INVOCATIONS, req('preventExecution')] },
  'aws:lambda:invocation-http-integration-response': {
    ...FUNCTIONS,
    source: at('invocation-http-integration-response'),
    parameters: [...INVOCATIONS, req('preventExecution'), req('contentTypeHeader'), req('statusCode')],
  },
};
