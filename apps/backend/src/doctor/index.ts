export * from './check';
export * from './doctor-deps';
export { runDoctor, type DoctorOptions, type DoctorReport } from './doctor';
export { createDoctorDeps, type DoctorDepsOptions } from './create-doctor-deps';
export { describeCredentials, redirectUris, metaAppSettings, type PlatformApp, type AppContext } from './credential-fixes';
export { runChecks, type CheckOutcome } from './run-checks';
