export * from './queue-names';
export * from './publish-scheduler';
