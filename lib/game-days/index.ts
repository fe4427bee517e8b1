export * from './drills-dashboard';
export * from './game-day-schedules';
export * from './game-day-verdicts';
export * from './drill-verdict-metric';
