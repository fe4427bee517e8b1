export * from './build-app';
export * from './drills-stack';
export * from './workload-stack';
