export * from './analytics-schedule';
export * from './analytics-labels';
export * from './collect-analytics';
export * from './analytics-queries';
export * from './schedule-analytics';
