export * from './drilled-service';
export * from './service-drills';
export * from './service-drills-props';
