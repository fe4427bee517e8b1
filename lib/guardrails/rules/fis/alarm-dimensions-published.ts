/**
 * A stop-condition alarm watches a dimension combination AWS publishes (ALB, ECS: metric-dimensions.ts).
 * `HealthyHostCount` by LoadBalancer alone, say, never gets a data point: the drill looks guarded
 * and is not. An error when no other stop condition can fire, else a warning.
 */
import type { GuardrailRule } from '../../types';
import { judgeStopConditions } from '../alarms/judge-stop-conditions';

export const alarmDimensionsPublished: GuardrailRule = (resource, context) => judgeStopConditions(resource, context, 'dimensions');
