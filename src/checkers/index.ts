/** Invariant observers: they read model events and never steer the simulation. */
export * from './types.ts';
export { SafetyChecker, type SafetyViolation } from './safety.ts';
export { LivenessChecker, type LivenessViolation } from './liveness.ts';
export { ValidityChecker, type ValidityViolation, type ValidityReason } from './validity.ts';
export { StateAgreementChecker, type StateViolation } from './state-agreement.ts';
