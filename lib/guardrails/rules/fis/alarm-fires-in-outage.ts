/**
 * A stop-condition alarm still fires in the outage the drill causes: when the drill ends every
 * task, metrics such as AWS/ECS CPUUtilization or ALB HealthyHostCount stop being published
 * (silent-metrics.ts), and unless TreatMissingData is breaching the alarm cannot fire then. An
 * error when no other stop condition can fire, else a warning.
 */
import type { GuardrailRule } from '../../types';
import { judgeStopConditions } from '../alarms/judge-stop-conditions';

export const alarmFiresInOutage: GuardrailRule = (resource, context) => judgeStopConditions(resource, context, 'silent');
