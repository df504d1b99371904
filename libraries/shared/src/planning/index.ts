export * from './planning-policy';
export * from './planning.types';
