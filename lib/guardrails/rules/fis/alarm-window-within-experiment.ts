/**
 * A stop-condition alarm can reach ALARM while the experiment runs: DatapointsToAlarm (else
 * EvaluationPeriods) × Period is not longer than the experiment's longest chain of timed actions.
 * FIS watches stop conditions only while the experiment runs. An experiment with no timed action
 * is not judged. An error when no other stop condition can fire, else a warning.
 */
import type { GuardrailRule } from '../../types';
import { judgeStopConditions } from '../alarms/judge-stop-conditions';

export const alarmWindowWithinExperiment: GuardrailRule = (resource, context) => judgeStopConditions(resource, context, 'window');
