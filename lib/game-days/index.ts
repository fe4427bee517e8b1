export * from './drills-dashboard';
export * from './game-day-schedules';
