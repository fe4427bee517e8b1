export * from './drain-ready-fargate-service';
export * from './probe-heartbeat';
export * from './service-image';
export * from './ssm-agent-sidecar';
export * from './ssm-agent-script';
export * from './stop-condition-alarms';
