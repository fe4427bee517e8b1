/**
 * The fis-drills library (`import { … } from 'fis-drills'`): the constructs that put a drain-ready
 * Fargate service and its FIS drills into a CDK app, the drill catalogue and the API to define
 * drills, and the guardrails that check both at synth. docs/deploy.md shows a whole app.
 */
export { catalogue, findDrill } from '../experiments';
export * from './drill';
export * from './service-drills';
export * from './workload';
export { applyGuardrails, GuardrailsPlugin, APP_NAG_ACKNOWLEDGEMENTS, AppAwsSolutionsChecks, DRILLS_PACK } from './guardrails';
export type { ApplyGuardrailsOptions, Environment } from './guardrails';
export { DrillExperimentTemplate, ExperimentRole, ZonePlacementAutomation, faultPlan } from './fis';
export * from './contract';
export type { FaultPlan, FaultTargetRefs } from './fis';
export { DrillsDashboard, GameDaySchedules, gameDayClientToken } from './game-days';
export type { DrillOptions, ServiceProfile, StopConditionSettings } from './config';
export type { RunnerServiceSettings } from './game-days/runner-service-profile';
export type { TrafficProfile } from './traffic/traffic-profile';
