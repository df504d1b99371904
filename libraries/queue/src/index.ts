export * from './queue-names';
export * from './publish-scheduler';
export * from './publish-worker';
export * from './calendar-cache';
