export * from './action-catalogue';
export * from './alarm-checks';
export * from './drill-experiment-template';
export * from './experiment-permissions';
export * from './experiment-role';
export * from './fault-plan';
export * from './stop-conditions';
export * from './zone-placement-automation';
