export * from './queue-names';
export * from './publish-scheduler';
export * from './publish-worker';
export * from './analytics-queue';
export * from './webhook-queue';
export * from './calendar-cache';
