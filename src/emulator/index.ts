export { startEmulator, type Emulator, type EmulatorEvents, type EmulatorOptions } from './server';
export type { FaultKind, FaultRule, RateLimitOptions } from './faults';
export type { LoggedRequest, RequestLog } from './request-log';
export { parseSeed, type EmulatorSeed } from './seed';
export type { EmulatorState, Organization } from './state';
export { SAMPLE_ORGANIZATION } from './sample-org';
