export * from './queue-names';
export * from './publish-scheduler';
export * from './publish-job-queue';
export * from './publish-worker';
